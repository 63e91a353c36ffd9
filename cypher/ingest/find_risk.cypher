// Lists the Risk nodes with the given ids, with all their properties, ordered by id.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: id, name, chain_id, kind, subject, status, owner, measures, identified_on, status_on, resolved_on, provenance, confirmed_on
MATCH (n:Risk)
WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name, n.chain_id AS chain_id, n.kind AS kind, n.subject AS subject, n.status AS status, n.owner AS owner, n.measures AS measures, n.identified_on AS identified_on, n.status_on AS status_on, n.resolved_on AS resolved_on, n.provenance AS provenance, n.confirmed_on AS confirmed_on
ORDER BY id
