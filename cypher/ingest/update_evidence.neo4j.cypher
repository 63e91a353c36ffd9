// Overwrites the properties of existing Evidence nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (n:Evidence {id: r.id})
SET n.name = r.name,
    n.chain_id = r.chain_id,
    n.year = r.year,
    n.item = r.item,
    n.description = r.description,
    n.document = r.document,
    n.provenance = r.provenance,
    n.confirmed_on = r.confirmed_on
