// Lists the Project nodes with the given ids, with all their properties, ordered by id.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: id, name, investment, stage, start_date, end_date, description, provenance, confirmed_on
MATCH (n:Project)
WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name, n.investment AS investment, n.stage AS stage, n.start_date AS start_date, n.end_date AS end_date, n.description AS description, n.provenance AS provenance, n.confirmed_on AS confirmed_on
ORDER BY id
