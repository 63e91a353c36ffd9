// Overwrites the properties of existing Technology nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (n:Technology {id: r.id})
SET n.name = r.name,
    n.chain_id = r.chain_id,
    n.status = r.status,
    n.target_year = r.target_year,
    n.description = r.description,
    n.provenance = r.provenance,
    n.confirmed_on = r.confirmed_on
