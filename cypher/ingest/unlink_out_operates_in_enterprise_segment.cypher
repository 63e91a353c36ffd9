// Removes the OPERATES_IN relationships owned by the listed Enterprise nodes (their ledger row lists them anew).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: -
UNWIND $ids AS i
MATCH (n:Enterprise)
WHERE n.id = i
MATCH (n)-[x:OPERATES_IN]->(:Segment)
DELETE x
