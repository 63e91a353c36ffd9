// Creates a few SUBTYPE_OF relationships from Product to Product (journaled: see create_subtype_of_product_product for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Product)
WHERE a.id = from_id
MATCH (b:Product)
WHERE b.id = to_id
CREATE (a)-[:SUBTYPE_OF {provenance: provenance, confirmed_on: confirmed_on}]->(b)
