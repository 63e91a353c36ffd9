// Creates a few new Region nodes (as create_region does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
CREATE (n:Region {id: r.id, name: r.name, level: r.level, provenance: r.provenance, confirmed_on: r.confirmed_on})
