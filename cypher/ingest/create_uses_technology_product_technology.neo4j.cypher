// Creates USES_TECHNOLOGY relationships from Product to Technology in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Product {id: r.from_id})
MATCH (b:Technology {id: r.to_id})
CREATE (a)-[:USES_TECHNOLOGY {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
