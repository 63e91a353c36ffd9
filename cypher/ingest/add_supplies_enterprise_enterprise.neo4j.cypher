// Creates a few SUPPLIES relationships from Enterprise to Enterprise (as create_supplies_enterprise_enterprise does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Enterprise {id: r.from_id})
MATCH (b:Enterprise {id: r.to_id})
CREATE (a)-[:SUPPLIES {product_id: r.product_id, share: r.share, annual_value: r.annual_value, recovery_days: r.recovery_days, stock_days: r.stock_days, provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
