// Overwrites the properties of existing Risk nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (n:Risk)
WHERE n.id = id
SET n.name = name,
    n.chain_id = chain_id,
    n.kind = kind,
    n.subject = subject,
    n.status = status,
    n.owner = owner,
    n.measures = measures,
    n.identified_on = identified_on,
    n.status_on = status_on,
    n.resolved_on = resolved_on,
    n.provenance = provenance,
    n.confirmed_on = confirmed_on
