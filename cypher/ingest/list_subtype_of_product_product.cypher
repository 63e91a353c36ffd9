// Lists every SUBTYPE_OF relationship from Product to Product with its properties.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: -
// returns: from_id, to_id, provenance, confirmed_on
MATCH (a:Product)-[x:SUBTYPE_OF]->(b:Product)
RETURN a.id AS from_id, b.id AS to_id, x.provenance AS provenance, x.confirmed_on AS confirmed_on
ORDER BY from_id, to_id
