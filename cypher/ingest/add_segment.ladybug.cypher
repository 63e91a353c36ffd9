// Creates a few new Segment nodes (journaled: see create_segment for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
CREATE (n:Segment {id: id, name: name, chain_id: chain_id, position: position, stage: stage, industry_code: industry_code, description: description, keywords: keywords, provenance: provenance, confirmed_on: confirmed_on})
