// Creates a few new Chain nodes (journaled: see create_chain for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
CREATE (n:Chain {id: id, name: name, leader: leader, description: description, provenance: provenance, confirmed_on: confirmed_on})
