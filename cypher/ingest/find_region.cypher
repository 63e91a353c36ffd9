// Lists the Region nodes with the given ids, with all their properties, ordered by id.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: id, name, level, provenance, confirmed_on
MATCH (n:Region)
WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name, n.level AS level, n.provenance AS provenance, n.confirmed_on AS confirmed_on
ORDER BY id
