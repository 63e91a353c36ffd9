// Creates a few new Project nodes (as create_project does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
CREATE (n:Project {id: r.id, name: r.name, investment: r.investment, stage: r.stage, start_date: r.start_date, end_date: r.end_date, description: r.description, provenance: r.provenance, confirmed_on: r.confirmed_on})
