// Lists the LEADS_TO relationships from Technology to Technology whose to end has one of the given ids.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: from_id, to_id, target_year, provenance, confirmed_on
MATCH (a:Technology)-[x:LEADS_TO]->(b:Technology)
WHERE b.id IN $ids
RETURN a.id AS from_id, b.id AS to_id, x.target_year AS target_year, x.provenance AS provenance, x.confirmed_on AS confirmed_on
ORDER BY from_id, to_id
