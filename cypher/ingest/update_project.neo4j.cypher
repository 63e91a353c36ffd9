// Overwrites the properties of existing Project nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (n:Project {id: r.id})
SET n.name = r.name,
    n.investment = r.investment,
    n.stage = r.stage,
    n.start_date = r.start_date,
    n.end_date = r.end_date,
    n.description = r.description,
    n.provenance = r.provenance,
    n.confirmed_on = r.confirmed_on
