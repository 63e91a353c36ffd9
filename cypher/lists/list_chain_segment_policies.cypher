// The policies supporting segments of a chain, with the segment each supports.
// params: chain_id
// returns: id, name, issuer, level, issued_on, doc_number, summary, provenance, segment_id, segment_name
MATCH (c:Chain)-[:HAS_SEGMENT]->(s:Segment)<-[:SUPPORTS]-(p:Policy)
WHERE c.id = $chain_id
RETURN p.id AS id, p.name AS name, p.issuer AS issuer, p.level AS level, p.issued_on AS issued_on,
       p.doc_number AS doc_number, p.summary AS summary, p.provenance AS provenance,
       s.id AS segment_id, s.name AS segment_name
ORDER BY issued_on DESC, id, segment_id
