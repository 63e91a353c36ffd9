// Overwrites the properties of existing Product nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (n:Product {id: r.id})
SET n.name = r.name,
    n.parent_id = r.parent_id,
    n.hs_code = r.hs_code,
    n.unit = r.unit,
    n.description = r.description,
    n.provenance = r.provenance,
    n.confirmed_on = r.confirmed_on
