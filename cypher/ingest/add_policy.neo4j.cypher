// Creates a few new Policy nodes (as create_policy does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
CREATE (n:Policy {id: r.id, name: r.name, issuer: r.issuer, level: r.level, issued_on: r.issued_on, doc_number: r.doc_number, summary: r.summary, provenance: r.provenance, confirmed_on: r.confirmed_on})
