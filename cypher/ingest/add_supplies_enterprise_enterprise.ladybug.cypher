// Creates a few SUPPLIES relationships from Enterprise to Enterprise (journaled: see create_supplies_enterprise_enterprise for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Enterprise)
WHERE a.id = from_id
MATCH (b:Enterprise)
WHERE b.id = to_id
CREATE (a)-[:SUPPLIES {product_id: product_id, share: share, annual_value: annual_value, recovery_days: recovery_days, stock_days: stock_days, provenance: provenance, confirmed_on: confirmed_on}]->(b)
