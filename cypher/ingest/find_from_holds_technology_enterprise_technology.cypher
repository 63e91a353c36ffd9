// Lists the HOLDS_TECHNOLOGY relationships from Enterprise to Technology whose from end has one of the given ids.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: from_id, to_id, provenance, confirmed_on
MATCH (a:Enterprise)-[x:HOLDS_TECHNOLOGY]->(b:Technology)
WHERE a.id IN $ids
RETURN a.id AS from_id, b.id AS to_id, x.provenance AS provenance, x.confirmed_on AS confirmed_on
ORDER BY from_id, to_id
