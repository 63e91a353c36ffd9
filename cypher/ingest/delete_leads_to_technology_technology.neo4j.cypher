// Deletes the LEADS_TO relationships named by their endpoints and key.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Technology {id: r.from_id})-[x:LEADS_TO]->(b:Technology {id: r.to_id})
DELETE x
