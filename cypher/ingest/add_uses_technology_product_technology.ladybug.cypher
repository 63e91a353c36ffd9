// Creates a few USES_TECHNOLOGY relationships from Product to Technology (journaled: see create_uses_technology_product_technology for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Product)
WHERE a.id = from_id
MATCH (b:Technology)
WHERE b.id = to_id
CREATE (a)-[:USES_TECHNOLOGY {provenance: provenance, confirmed_on: confirmed_on}]->(b)
