// Creates a few new Chain nodes (as create_chain does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
CREATE (n:Chain {id: r.id, name: r.name, leader: r.leader, description: r.description, provenance: r.provenance, confirmed_on: r.confirmed_on})
