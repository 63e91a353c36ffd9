// Creates a few IN_SEGMENT relationships from Project to Segment (journaled: see create_in_segment_project_segment for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Project)
WHERE a.id = from_id
MATCH (b:Segment)
WHERE b.id = to_id
CREATE (a)-[:IN_SEGMENT {provenance: provenance, confirmed_on: confirmed_on}]->(b)
