// Creates a few SUPPORTS relationships from Policy to Chain (journaled: see create_supports_policy_chain for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Policy)
WHERE a.id = from_id
MATCH (b:Chain)
WHERE b.id = to_id
CREATE (a)-[:SUPPORTS {provenance: provenance, confirmed_on: confirmed_on}]->(b)
