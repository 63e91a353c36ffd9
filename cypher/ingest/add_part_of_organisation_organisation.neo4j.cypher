// Creates a few PART_OF relationships from Organisation to Organisation (as create_part_of_organisation_organisation does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Organisation {id: r.from_id})
MATCH (b:Organisation {id: r.to_id})
CREATE (a)-[:PART_OF {provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
