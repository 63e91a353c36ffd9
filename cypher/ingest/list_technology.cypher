// Lists every Technology with all its properties, ordered by id.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: -
// returns: id, name, chain_id, status, target_year, description, provenance, confirmed_on
MATCH (n:Technology)
RETURN n.id AS id, n.name AS name, n.chain_id AS chain_id, n.status AS status, n.target_year AS target_year, n.description AS description, n.provenance AS provenance, n.confirmed_on AS confirmed_on
ORDER BY id
