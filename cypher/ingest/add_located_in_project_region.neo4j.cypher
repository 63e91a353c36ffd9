// Creates a few LOCATED_IN relationships from Project to Region (as create_located_in_project_region does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Project {id: r.from_id})
MATCH (b:Region {id: r.to_id})
CREATE (a)-[:LOCATED_IN {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
