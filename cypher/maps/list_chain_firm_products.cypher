// What each firm of a chain makes, for its card: the product, its 产品大类 (null when none) and how much
// it weighs for the firm (revenue share, main line; null where unknown). One row per firm and product.
// params: chain_id
// returns: enterprise_id, product_id, product_name, parent_name, revenue_share, main_line
MATCH (c:Chain)-[:HAS_SEGMENT]->(:Segment)<-[:OPERATES_IN]-(e:Enterprise)
WHERE c.id = $chain_id
WITH DISTINCT e
MATCH (e)-[m:MAKES]->(p:Product)
OPTIONAL MATCH (p)-[:SUBTYPE_OF]->(parent:Product)
RETURN e.id AS enterprise_id, p.id AS product_id, p.name AS product_name, parent.name AS parent_name,
       m.revenue_share AS revenue_share, m.main_line AS main_line
ORDER BY enterprise_id, product_id
