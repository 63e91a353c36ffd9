// Creates a few OPERATES_IN relationships from Enterprise to Segment (as create_operates_in_enterprise_segment does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Enterprise {id: r.from_id})
MATCH (b:Segment {id: r.to_id})
CREATE (a)-[:OPERATES_IN {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
