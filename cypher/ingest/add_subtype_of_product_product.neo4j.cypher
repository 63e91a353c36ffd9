// Creates a few SUBTYPE_OF relationships from Product to Product (as create_subtype_of_product_product does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Product {id: r.from_id})
MATCH (b:Product {id: r.to_id})
CREATE (a)-[:SUBTYPE_OF {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
