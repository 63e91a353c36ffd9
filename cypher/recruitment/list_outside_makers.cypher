// Active enterprises outside the district that make any of the given products: recruitment candidates.
// bulk: yes
// params: product_ids
// returns: product_id, enterprise_id, enterprise_name, region_code, scale, is_specialised
MATCH (e:Enterprise)-[:MAKES]->(p:Product)
WHERE p.id IN $product_ids AND e.in_district = false AND e.status = 'active'
RETURN p.id AS product_id, e.id AS enterprise_id, e.name AS enterprise_name,
       e.region_code AS region_code, e.scale AS scale, e.is_specialised AS is_specialised
ORDER BY product_id, enterprise_id
