// The policies supporting a chain directly, for the policies list (政策清单).
// params: chain_id
// returns: id, name, issuer, level, issued_on, doc_number, summary, provenance
MATCH (p:Policy)-[:SUPPORTS]->(c:Chain)
WHERE c.id = $chain_id
RETURN p.id AS id, p.name AS name, p.issuer AS issuer, p.level AS level, p.issued_on AS issued_on,
       p.doc_number AS doc_number, p.summary AS summary, p.provenance AS provenance
ORDER BY issued_on DESC, id
