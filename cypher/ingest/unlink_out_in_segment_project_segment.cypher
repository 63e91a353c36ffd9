// Removes the IN_SEGMENT relationships owned by the listed Project nodes (their ledger row lists them anew).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: -
UNWIND $ids AS i
MATCH (n:Project)
WHERE n.id = i
MATCH (n)-[x:IN_SEGMENT]->(:Segment)
DELETE x
