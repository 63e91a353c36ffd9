// Creates a few MAKES relationships from Enterprise to Product (journaled: see create_makes_enterprise_product for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (a:Enterprise)
WHERE a.id = from_id
MATCH (b:Product)
WHERE b.id = to_id
CREATE (a)-[:MAKES {revenue_share: revenue_share, main_line: main_line, provenance: provenance, confirmed_on: confirmed_on}]->(b)
