// Deletes the SUPPLIES relationships named by their endpoints and key.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Enterprise {id: r.from_id})-[x:SUPPLIES]->(b:Enterprise {id: r.to_id})
WHERE x.product_id = r.product_id
DELETE x
