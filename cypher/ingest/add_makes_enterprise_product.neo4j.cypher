// Creates a few MAKES relationships from Enterprise to Product (as create_makes_enterprise_product does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Enterprise {id: r.from_id})
MATCH (b:Product {id: r.to_id})
CREATE (a)-[:MAKES {revenue_share: r.revenue_share, main_line: r.main_line, provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
