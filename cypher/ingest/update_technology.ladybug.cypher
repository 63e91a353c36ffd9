// Overwrites the properties of existing Technology nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (n:Technology)
WHERE n.id = id
SET n.name = name,
    n.chain_id = chain_id,
    n.status = status,
    n.target_year = target_year,
    n.description = description,
    n.provenance = provenance,
    n.confirmed_on = confirmed_on
