// Creates a few new Technology nodes (as create_technology does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
CREATE (n:Technology {id: r.id, name: r.name, chain_id: r.chain_id, status: r.status, target_year: r.target_year, description: r.description, provenance: r.provenance, confirmed_on: r.confirmed_on})
