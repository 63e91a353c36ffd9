// Creates a few IN_SEGMENT relationships from Project to Segment (as create_in_segment_project_segment does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Project {id: r.from_id})
MATCH (b:Segment {id: r.to_id})
CREATE (a)-[:IN_SEGMENT {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
