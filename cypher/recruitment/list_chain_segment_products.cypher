// The products made in each segment of a chain: what a firm filling a segment gap would make.
// params: chain_id
// returns: segment_id, product_id, product_name
MATCH (c:Chain)-[:HAS_SEGMENT]->(s:Segment)<-[:PRODUCED_IN]-(p:Product)
WHERE c.id = $chain_id
RETURN s.id AS segment_id, p.id AS product_id, p.name AS product_name
ORDER BY segment_id, product_id
