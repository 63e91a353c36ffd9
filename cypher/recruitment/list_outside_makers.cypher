// Active enterprises outside the district that make any of the given products: recruitment candidates.
// Starts from the products (one index lookup per id) and walks back to their makers: Neo4j otherwise
// starts from every firm outside the district and walks all of its relationships. Each id once. With
// how much the product weighs for the firm (revenue share, main line; null where unknown).
// bulk: yes
// params: product_ids
// returns: product_id, enterprise_id, enterprise_name, region_code, scale, is_specialised, revenue_share, main_line
UNWIND $product_ids AS pid
MATCH (e:Enterprise)-[m:MAKES]->(p:Product {id: pid})
WHERE e.in_district = false AND e.status = 'active'
RETURN p.id AS product_id, e.id AS enterprise_id, e.name AS enterprise_name,
       e.region_code AS region_code, e.scale AS scale, e.is_specialised AS is_specialised,
       m.revenue_share AS revenue_share, m.main_line AS main_line
ORDER BY product_id, enterprise_id
