// Creates a few OPERATES_IN relationships from Enterprise to Segment (journaled: see create_operates_in_enterprise_segment for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Enterprise)
WHERE a.id = from_id
MATCH (b:Segment)
WHERE b.id = to_id
CREATE (a)-[:OPERATES_IN {provenance: provenance, confirmed_on: confirmed_on}]->(b)
