// Creates a few LEADS_TO relationships from Technology to Technology (journaled: see create_leads_to_technology_technology for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Technology)
WHERE a.id = from_id
MATCH (b:Technology)
WHERE b.id = to_id
CREATE (a)-[:LEADS_TO {target_year: target_year, provenance: provenance, confirmed_on: confirmed_on}]->(b)
