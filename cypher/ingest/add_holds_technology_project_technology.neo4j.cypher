// Creates a few HOLDS_TECHNOLOGY relationships from Project to Technology (as create_holds_technology_project_technology does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Project {id: r.from_id})
MATCH (b:Technology {id: r.to_id})
CREATE (a)-[:HOLDS_TECHNOLOGY {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
