// Creates a few APPLIED_IN relationships from Product to ApplicationDomain (journaled: see create_applied_in_product_application_domain for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Product)
WHERE a.id = from_id
MATCH (b:ApplicationDomain)
WHERE b.id = to_id
CREATE (a)-[:APPLIED_IN {provenance: provenance, confirmed_on: confirmed_on}]->(b)
