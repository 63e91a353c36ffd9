// Overwrites the properties of existing Segment nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (n:Segment)
WHERE n.id = id
SET n.name = name,
    n.chain_id = chain_id,
    n.position = position,
    n.stage = stage,
    n.industry_code = industry_code,
    n.description = description,
    n.keywords = keywords,
    n.provenance = provenance,
    n.confirmed_on = confirmed_on
