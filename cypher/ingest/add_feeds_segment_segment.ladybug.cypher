// Creates a few FEEDS relationships from Segment to Segment (journaled: see create_feeds_segment_segment for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Segment)
WHERE a.id = from_id
MATCH (b:Segment)
WHERE b.id = to_id
CREATE (a)-[:FEEDS {provenance: provenance, confirmed_on: confirmed_on}]->(b)
