// Lists the SUPPLIES relationships from Enterprise to Enterprise whose to end has one of the given ids.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: from_id, to_id, product_id, share, annual_value, recovery_days, stock_days, provenance, confirmed_on
MATCH (a:Enterprise)-[x:SUPPLIES]->(b:Enterprise)
WHERE b.id IN $ids
RETURN a.id AS from_id, b.id AS to_id, x.product_id AS product_id, x.share AS share, x.annual_value AS annual_value, x.recovery_days AS recovery_days, x.stock_days AS stock_days, x.provenance AS provenance, x.confirmed_on AS confirmed_on
ORDER BY from_id, to_id, product_id
