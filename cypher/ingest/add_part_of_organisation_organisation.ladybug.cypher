// Creates a few PART_OF relationships from Organisation to Organisation (journaled: see create_part_of_organisation_organisation for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Organisation)
WHERE a.id = from_id
MATCH (b:Organisation)
WHERE b.id = to_id
CREATE (a)-[:PART_OF {provenance: provenance, confirmed_on: confirmed_on}]->(b)
