// Overwrites the properties of existing Segment nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (n:Segment {id: r.id})
SET n.name = r.name,
    n.chain_id = r.chain_id,
    n.position = r.position,
    n.stage = r.stage,
    n.industry_code = r.industry_code,
    n.description = r.description,
    n.keywords = r.keywords,
    n.provenance = r.provenance,
    n.confirmed_on = r.confirmed_on
