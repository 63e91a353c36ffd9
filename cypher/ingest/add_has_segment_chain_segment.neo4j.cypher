// Creates a few HAS_SEGMENT relationships from Chain to Segment (as create_has_segment_chain_segment does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Chain {id: r.from_id})
MATCH (b:Segment {id: r.to_id})
CREATE (a)-[:HAS_SEGMENT {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
