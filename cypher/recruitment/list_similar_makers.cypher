// Active enterprises outside the district that make a sibling of any of the given products (another
// product of the same 产品大类) but not the product itself: weaker recruitment candidates (同类产品).
// bulk: yes
// params: product_ids
// returns: product_id, sibling_id, parent_id, enterprise_id, enterprise_name, region_code, scale, is_specialised
UNWIND $product_ids AS pid
MATCH (p:Product {id: pid})-[:SUBTYPE_OF]->(parent:Product)<-[:SUBTYPE_OF]-(s:Product)<-[:MAKES]-(e:Enterprise)
WHERE s.id <> pid AND e.in_district = false AND e.status = 'active'
  AND NOT EXISTS { MATCH (e)-[:MAKES]->(p) }
RETURN p.id AS product_id, s.id AS sibling_id, parent.id AS parent_id, e.id AS enterprise_id,
       e.name AS enterprise_name, e.region_code AS region_code, e.scale AS scale,
       e.is_specialised AS is_specialised
ORDER BY product_id, enterprise_id, sibling_id
