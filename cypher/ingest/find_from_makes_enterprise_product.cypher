// Lists the MAKES relationships from Enterprise to Product whose from end has one of the given ids.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: from_id, to_id, revenue_share, main_line, provenance, confirmed_on
MATCH (a:Enterprise)-[x:MAKES]->(b:Product)
WHERE a.id IN $ids
RETURN a.id AS from_id, b.id AS to_id, x.revenue_share AS revenue_share, x.main_line AS main_line, x.provenance AS provenance, x.confirmed_on AS confirmed_on
ORDER BY from_id, to_id
