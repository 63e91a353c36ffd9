// The products made in a chain's segments with their 产品大类 (null when none), and the application
// domains each serves (null when none).
// params: chain_id
// returns: product_id, product_name, position, parent_id, parent_name, domain_id, domain_name
MATCH (c:Chain)-[:HAS_SEGMENT]->(s:Segment)<-[:PRODUCED_IN]-(p:Product)
WHERE c.id = $chain_id
OPTIONAL MATCH (p)-[:SUBTYPE_OF]->(parent:Product)
OPTIONAL MATCH (p)-[:APPLIED_IN]->(d:ApplicationDomain)
RETURN p.id AS product_id, p.name AS product_name, s.position AS position, parent.id AS parent_id,
       parent.name AS parent_name, d.id AS domain_id, d.name AS domain_name
ORDER BY position, product_id, domain_id
