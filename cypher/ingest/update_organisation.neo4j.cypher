// Overwrites the properties of existing Organisation nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (n:Organisation {id: r.id})
SET n.name = r.name,
    n.kind = r.kind,
    n.head = r.head,
    n.members = r.members,
    n.provenance = r.provenance,
    n.confirmed_on = r.confirmed_on
