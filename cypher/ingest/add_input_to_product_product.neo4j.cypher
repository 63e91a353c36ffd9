// Creates a few INPUT_TO relationships from Product to Product (as create_input_to_product_product does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Product {id: r.from_id})
MATCH (b:Product {id: r.to_id})
CREATE (a)-[:INPUT_TO {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
