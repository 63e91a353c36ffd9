// Creates a few new Product nodes (as create_product does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
CREATE (n:Product {id: r.id, name: r.name, parent_id: r.parent_id, hs_code: r.hs_code, unit: r.unit, description: r.description, provenance: r.provenance, confirmed_on: r.confirmed_on})
