// Deletes the SUPPLIES relationships named by their endpoints and key.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Enterprise)
WHERE a.id = from_id
MATCH (a)-[x:SUPPLIES]->(b:Enterprise)
WHERE b.id = to_id AND x.product_id = product_id
DELETE x
