// Removes the PART_OF relationships owned by the listed Organisation nodes (their ledger row lists them anew).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: -
UNWIND $ids AS i
MATCH (n:Organisation)
WHERE n.id = i
MATCH (n)-[x:PART_OF]->(:Organisation)
DELETE x
