// Deletes Evidence nodes and their relationships.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: -
UNWIND $ids AS i
MATCH (n:Evidence)
WHERE n.id = i
DETACH DELETE n
