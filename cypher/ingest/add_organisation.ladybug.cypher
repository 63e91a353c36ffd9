// Creates a few new Organisation nodes (journaled: see create_organisation for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
CREATE (n:Organisation {id: id, name: name, kind: kind, head: head, members: members, provenance: provenance, confirmed_on: confirmed_on})
