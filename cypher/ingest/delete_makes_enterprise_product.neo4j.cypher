// Deletes the MAKES relationships named by their endpoints and key.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Enterprise {id: r.from_id})-[x:MAKES]->(b:Product {id: r.to_id})
DELETE x
