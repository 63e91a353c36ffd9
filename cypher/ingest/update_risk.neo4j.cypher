// Overwrites the properties of existing Risk nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (n:Risk {id: r.id})
SET n.name = r.name,
    n.chain_id = r.chain_id,
    n.kind = r.kind,
    n.subject = r.subject,
    n.status = r.status,
    n.owner = r.owner,
    n.measures = r.measures,
    n.identified_on = r.identified_on,
    n.status_on = r.status_on,
    n.resolved_on = r.resolved_on,
    n.provenance = r.provenance,
    n.confirmed_on = r.confirmed_on
