// Lists every Segment with all its properties, ordered by id.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: -
// returns: id, name, chain_id, position, stage, industry_code, description, keywords, provenance, confirmed_on
MATCH (n:Segment)
RETURN n.id AS id, n.name AS name, n.chain_id AS chain_id, n.position AS position, n.stage AS stage, n.industry_code AS industry_code, n.description AS description, n.keywords AS keywords, n.provenance AS provenance, n.confirmed_on AS confirmed_on
ORDER BY id
