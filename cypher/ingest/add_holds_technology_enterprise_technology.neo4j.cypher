// Creates a few HOLDS_TECHNOLOGY relationships from Enterprise to Technology (as create_holds_technology_enterprise_technology does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Enterprise {id: r.from_id})
MATCH (b:Technology {id: r.to_id})
CREATE (a)-[:HOLDS_TECHNOLOGY {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
