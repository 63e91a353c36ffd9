// Deletes the MAKES relationships named by their endpoints and key.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Enterprise)
WHERE a.id = from_id
MATCH (a)-[x:MAKES]->(b:Product)
WHERE b.id = to_id
DELETE x
