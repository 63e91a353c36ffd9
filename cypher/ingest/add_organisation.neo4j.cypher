// Creates a few new Organisation nodes (as create_organisation does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
CREATE (n:Organisation {id: r.id, name: r.name, kind: r.kind, head: r.head, members: r.members, provenance: r.provenance, confirmed_on: r.confirmed_on})
