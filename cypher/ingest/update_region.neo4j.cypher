// Overwrites the properties of existing Region nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (n:Region {id: r.id})
SET n.name = r.name,
    n.level = r.level,
    n.provenance = r.provenance,
    n.confirmed_on = r.confirmed_on
