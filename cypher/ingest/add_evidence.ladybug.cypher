// Creates a few new Evidence nodes (journaled: see create_evidence for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
CREATE (n:Evidence {id: id, name: name, chain_id: chain_id, year: year, item: item, description: description, document: document, provenance: provenance, confirmed_on: confirmed_on})
