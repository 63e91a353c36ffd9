// Removes the SUBTYPE_OF relationships owned by the listed Product nodes (their ledger row lists them anew).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: -
UNWIND $ids AS i
MATCH (n:Product)
WHERE n.id = i
MATCH (n)-[x:SUBTYPE_OF]->(:Product)
DELETE x
