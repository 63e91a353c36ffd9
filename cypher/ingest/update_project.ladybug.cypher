// Overwrites the properties of existing Project nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (n:Project)
WHERE n.id = id
SET n.name = name,
    n.investment = investment,
    n.stage = stage,
    n.start_date = start_date,
    n.end_date = end_date,
    n.description = description,
    n.provenance = provenance,
    n.confirmed_on = confirmed_on
