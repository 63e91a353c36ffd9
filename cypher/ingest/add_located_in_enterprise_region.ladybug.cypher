// Creates a few LOCATED_IN relationships from Enterprise to Region (journaled: see create_located_in_enterprise_region for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Enterprise)
WHERE a.id = from_id
MATCH (b:Region)
WHERE b.id = to_id
CREATE (a)-[:LOCATED_IN {provenance: provenance, confirmed_on: confirmed_on}]->(b)
