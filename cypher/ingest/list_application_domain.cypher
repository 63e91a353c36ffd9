// Lists every ApplicationDomain with all its properties, ordered by id.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: -
// returns: id, name, description, provenance, confirmed_on
MATCH (n:ApplicationDomain)
RETURN n.id AS id, n.name AS name, n.description AS description, n.provenance AS provenance, n.confirmed_on AS confirmed_on
ORDER BY id
