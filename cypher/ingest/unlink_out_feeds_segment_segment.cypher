// Removes the FEEDS relationships owned by the listed Segment nodes (their ledger row lists them anew).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: -
UNWIND $ids AS i
MATCH (n:Segment)
WHERE n.id = i
MATCH (n)-[x:FEEDS]->(:Segment)
DELETE x
