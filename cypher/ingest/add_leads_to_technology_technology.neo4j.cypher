// Creates a few LEADS_TO relationships from Technology to Technology (as create_leads_to_technology_technology does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (a:Technology {id: r.from_id})
MATCH (b:Technology {id: r.to_id})
CREATE (a)-[:LEADS_TO {target_year: r.target_year, provenance: r.provenance, confirmed_on: r.confirmed_on}]->(b)
