// Creates SUPPORTS relationships from Policy to Segment in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Policy {id: r.from_id})
MATCH (b:Segment {id: r.to_id})
CREATE (a)-[:SUPPORTS {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
