// Creates a few LEADS relationships from Organisation to Chain (journaled: see create_leads_organisation_chain for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Organisation)
WHERE a.id = from_id
MATCH (b:Chain)
WHERE b.id = to_id
CREATE (a)-[:LEADS {provenance: provenance, confirmed_on: confirmed_on}]->(b)
