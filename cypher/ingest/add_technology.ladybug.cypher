// Creates a few new Technology nodes (journaled: see create_technology for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
CREATE (n:Technology {id: id, name: name, chain_id: chain_id, status: status, target_year: target_year, description: description, provenance: provenance, confirmed_on: confirmed_on})
