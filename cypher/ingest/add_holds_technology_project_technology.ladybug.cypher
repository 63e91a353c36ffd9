// Creates a few HOLDS_TECHNOLOGY relationships from Project to Technology (journaled: see create_holds_technology_project_technology for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Project)
WHERE a.id = from_id
MATCH (b:Technology)
WHERE b.id = to_id
CREATE (a)-[:HOLDS_TECHNOLOGY {provenance: provenance, confirmed_on: confirmed_on}]->(b)
