// Overwrites the properties of existing Product nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (n:Product)
WHERE n.id = id
SET n.name = name,
    n.parent_id = parent_id,
    n.hs_code = hs_code,
    n.unit = unit,
    n.description = description,
    n.provenance = provenance,
    n.confirmed_on = confirmed_on
