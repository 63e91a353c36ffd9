// Creates a few new ApplicationDomain nodes (journaled: see create_application_domain for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
CREATE (n:ApplicationDomain {id: id, name: name, description: description, provenance: provenance, confirmed_on: confirmed_on})
