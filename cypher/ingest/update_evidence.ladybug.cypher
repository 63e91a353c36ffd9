// Overwrites the properties of existing Evidence nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (n:Evidence)
WHERE n.id = id
SET n.name = name,
    n.chain_id = chain_id,
    n.year = year,
    n.item = item,
    n.description = description,
    n.document = document,
    n.provenance = provenance,
    n.confirmed_on = confirmed_on
