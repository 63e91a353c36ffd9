// Creates a few INPUT_TO relationships from Product to Product (journaled: see create_input_to_product_product for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Product)
WHERE a.id = from_id
MATCH (b:Product)
WHERE b.id = to_id
CREATE (a)-[:INPUT_TO {provenance: provenance, confirmed_on: confirmed_on}]->(b)
