// Creates a few new Risk nodes (journaled: see create_risk for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
CREATE (n:Risk {id: id, name: name, chain_id: chain_id, kind: kind, subject: subject, status: status, owner: owner, measures: measures, identified_on: identified_on, status_on: status_on, resolved_on: resolved_on, provenance: provenance, confirmed_on: confirmed_on})
