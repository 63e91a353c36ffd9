// Overwrites the properties of existing Organisation nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (n:Organisation)
WHERE n.id = id
SET n.name = name,
    n.kind = kind,
    n.head = head,
    n.members = members,
    n.provenance = provenance,
    n.confirmed_on = confirmed_on
