// Lists the Technology nodes with the given ids, with all their properties, ordered by id.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: id, name, chain_id, status, target_year, description, provenance, confirmed_on
MATCH (n:Technology)
WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name, n.chain_id AS chain_id, n.status AS status, n.target_year AS target_year, n.description AS description, n.provenance AS provenance, n.confirmed_on AS confirmed_on
ORDER BY id
