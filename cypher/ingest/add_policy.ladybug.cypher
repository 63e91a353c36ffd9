// Creates a few new Policy nodes (journaled: see create_policy for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
CREATE (n:Policy {id: id, name: name, issuer: issuer, level: level, issued_on: issued_on, doc_number: doc_number, summary: summary, provenance: provenance, confirmed_on: confirmed_on})
