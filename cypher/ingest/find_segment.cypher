// Lists the Segment nodes with the given ids, with all their properties, ordered by id.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: id, name, chain_id, position, stage, industry_code, description, keywords, provenance, confirmed_on
MATCH (n:Segment)
WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name, n.chain_id AS chain_id, n.position AS position, n.stage AS stage, n.industry_code AS industry_code, n.description AS description, n.keywords AS keywords, n.provenance AS provenance, n.confirmed_on AS confirmed_on
ORDER BY id
