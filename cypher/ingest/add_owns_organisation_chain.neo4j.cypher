// Creates a few OWNS relationships from Organisation to Chain (as create_owns_organisation_chain does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Organisation {id: r.from_id})
MATCH (b:Chain {id: r.to_id})
CREATE (a)-[:OWNS {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
