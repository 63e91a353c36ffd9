// Creates a few HAS_SEGMENT relationships from Chain to Segment (journaled: see create_has_segment_chain_segment for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Chain)
WHERE a.id = from_id
MATCH (b:Segment)
WHERE b.id = to_id
CREATE (a)-[:HAS_SEGMENT {provenance: provenance, confirmed_on: confirmed_on}]->(b)
