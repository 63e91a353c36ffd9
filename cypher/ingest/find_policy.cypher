// Lists the Policy nodes with the given ids, with all their properties, ordered by id.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: id, name, issuer, level, issued_on, doc_number, summary, provenance, confirmed_on
MATCH (n:Policy)
WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name, n.issuer AS issuer, n.level AS level, n.issued_on AS issued_on, n.doc_number AS doc_number, n.summary AS summary, n.provenance AS provenance, n.confirmed_on AS confirmed_on
ORDER BY id
