// Creates a few PRODUCED_IN relationships from Product to Segment (journaled: see create_produced_in_product_segment for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Product)
WHERE a.id = from_id
MATCH (b:Segment)
WHERE b.id = to_id
CREATE (a)-[:PRODUCED_IN {provenance: provenance, confirmed_on: confirmed_on}]->(b)
