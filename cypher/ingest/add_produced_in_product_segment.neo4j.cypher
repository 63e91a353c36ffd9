// Creates a few PRODUCED_IN relationships from Product to Segment (as create_produced_in_product_segment does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Product {id: r.from_id})
MATCH (b:Segment {id: r.to_id})
CREATE (a)-[:PRODUCED_IN {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
