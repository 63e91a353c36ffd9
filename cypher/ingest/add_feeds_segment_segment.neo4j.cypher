// Creates a few FEEDS relationships from Segment to Segment (as create_feeds_segment_segment does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Segment {id: r.from_id})
MATCH (b:Segment {id: r.to_id})
CREATE (a)-[:FEEDS {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
