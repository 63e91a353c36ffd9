// Creates a few new Segment nodes (as create_segment does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
CREATE (n:Segment {id: r.id, name: r.name, chain_id: r.chain_id, position: r.position, stage: r.stage, industry_code: r.industry_code, description: r.description, keywords: r.keywords, provenance: r.provenance, confirmed_on: r.confirmed_on})
