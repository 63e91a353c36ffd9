// Creates a few new Product nodes (journaled: see create_product for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
CREATE (n:Product {id: id, name: name, parent_id: parent_id, hs_code: hs_code, unit: unit, description: description, provenance: provenance, confirmed_on: confirmed_on})
