// Creates a few new ApplicationDomain nodes (as create_application_domain does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
CREATE (n:ApplicationDomain {id: r.id, name: r.name, description: r.description, provenance: r.provenance, confirmed_on: r.confirmed_on})
