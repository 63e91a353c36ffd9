// Creates a few SUPPORTS relationships from Policy to Chain (as create_supports_policy_chain does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Policy {id: r.from_id})
MATCH (b:Chain {id: r.to_id})
CREATE (a)-[:SUPPORTS {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
