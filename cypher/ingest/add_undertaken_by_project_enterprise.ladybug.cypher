// Creates a few UNDERTAKEN_BY relationships from Project to Enterprise (journaled: see create_undertaken_by_project_enterprise for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Project)
WHERE a.id = from_id
MATCH (b:Enterprise)
WHERE b.id = to_id
CREATE (a)-[:UNDERTAKEN_BY {provenance: provenance, confirmed_on: confirmed_on}]->(b)
