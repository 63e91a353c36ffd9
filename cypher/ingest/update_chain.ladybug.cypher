// Overwrites the properties of existing Chain nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (n:Chain)
WHERE n.id = id
SET n.name = name,
    n.leader = leader,
    n.description = description,
    n.provenance = provenance,
    n.confirmed_on = confirmed_on
