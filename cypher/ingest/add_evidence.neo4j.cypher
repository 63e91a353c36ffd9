// Creates a few new Evidence nodes (as create_evidence does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
CREATE (n:Evidence {id: r.id, name: r.name, chain_id: r.chain_id, year: r.year, item: r.item, description: r.description, document: r.document, provenance: r.provenance, confirmed_on: r.confirmed_on})
