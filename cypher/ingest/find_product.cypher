// Lists the Product nodes with the given ids, with all their properties, ordered by id.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: id, name, parent_id, hs_code, unit, description, provenance, confirmed_on
MATCH (n:Product)
WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name, n.parent_id AS parent_id, n.hs_code AS hs_code, n.unit AS unit, n.description AS description, n.provenance AS provenance, n.confirmed_on AS confirmed_on
ORDER BY id
