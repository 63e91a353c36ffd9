// Removes the SUPPORTS relationships owned by the listed Policy nodes (their ledger row lists them anew).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: -
UNWIND $ids AS i
MATCH (n:Policy)
WHERE n.id = i
MATCH (n)-[x:SUPPORTS]->(:Segment)
DELETE x
