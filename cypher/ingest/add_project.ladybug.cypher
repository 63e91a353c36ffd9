// Creates a few new Project nodes (journaled: see create_project for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
CREATE (n:Project {id: id, name: name, investment: investment, stage: stage, start_date: start_date, end_date: end_date, description: description, provenance: provenance, confirmed_on: confirmed_on})
