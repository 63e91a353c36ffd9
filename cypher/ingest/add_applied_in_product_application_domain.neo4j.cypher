// Creates a few APPLIED_IN relationships from Product to ApplicationDomain (as create_applied_in_product_application_domain does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Product {id: r.from_id})
MATCH (b:ApplicationDomain {id: r.to_id})
CREATE (a)-[:APPLIED_IN {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
