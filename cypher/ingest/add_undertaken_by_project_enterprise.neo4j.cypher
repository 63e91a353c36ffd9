// Creates a few UNDERTAKEN_BY relationships from Project to Enterprise (as create_undertaken_by_project_enterprise does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Project {id: r.from_id})
MATCH (b:Enterprise {id: r.to_id})
CREATE (a)-[:UNDERTAKEN_BY {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
