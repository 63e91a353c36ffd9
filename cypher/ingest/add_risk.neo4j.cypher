// Creates a few new Risk nodes (as create_risk does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
CREATE (n:Risk {id: r.id, name: r.name, chain_id: r.chain_id, kind: r.kind, subject: r.subject, status: r.status, owner: r.owner, measures: r.measures, identified_on: r.identified_on, status_on: r.status_on, resolved_on: r.resolved_on, provenance: r.provenance, confirmed_on: r.confirmed_on})
