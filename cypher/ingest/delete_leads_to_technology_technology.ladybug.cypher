// Deletes the LEADS_TO relationships named by their endpoints and key.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Technology)
WHERE a.id = from_id
MATCH (a)-[x:LEADS_TO]->(b:Technology)
WHERE b.id = to_id
DELETE x
