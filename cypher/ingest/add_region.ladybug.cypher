// Creates a few new Region nodes (journaled: see create_region for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
CREATE (n:Region {id: id, name: name, level: level, provenance: provenance, confirmed_on: confirmed_on})
