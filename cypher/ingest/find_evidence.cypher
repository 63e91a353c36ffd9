// Lists the Evidence nodes with the given ids, with all their properties, ordered by id.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: id, name, chain_id, year, item, description, document, provenance, confirmed_on
MATCH (n:Evidence)
WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name, n.chain_id AS chain_id, n.year AS year, n.item AS item, n.description AS description, n.document AS document, n.provenance AS provenance, n.confirmed_on AS confirmed_on
ORDER BY id
