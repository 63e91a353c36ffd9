// What district firms buy from outside the district, for the given products: the demand a firm that
// opens in the district could serve.
// Neo4j: found through the index on SUPPLIES.product_id, one seek per product (about twice as fast as
// walking every district firm's incoming links; LadybugDB has no relationship index and walks them).
// bulk: yes
// params: product_ids
// returns: product_id, supplier_id, buyer_id, buyer_name, buyer_is_anchor, buyer_region_code, annual_value
UNWIND $product_ids AS pid
MATCH (a:Enterprise)-[x:SUPPLIES {product_id: pid}]->(b:Enterprise)
WHERE b.in_district = true AND a.in_district = false
RETURN x.product_id AS product_id, a.id AS supplier_id, b.id AS buyer_id, b.name AS buyer_name,
       b.is_anchor AS buyer_is_anchor, b.region_code AS buyer_region_code, x.annual_value AS annual_value
ORDER BY product_id, buyer_id, supplier_id
