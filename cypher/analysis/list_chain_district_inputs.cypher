// What the chain's district firms buy, and from whom: enough to find segments whose district firms all
// lean on one outside supplier, without projecting the whole supply graph.
// bulk: yes
// params: chain_id
// returns: supplier_id, supplier_name, supplier_in_district, supplier_region_code, buyer_id, product_id, share, annual_value
MATCH (c:Chain)-[:HAS_SEGMENT]->(:Segment)<-[:OPERATES_IN]-(b:Enterprise)
WHERE c.id = $chain_id AND b.in_district = true
WITH DISTINCT b
MATCH (a:Enterprise)-[x:SUPPLIES]->(b)
RETURN a.id AS supplier_id, a.name AS supplier_name, a.in_district AS supplier_in_district,
       a.region_code AS supplier_region_code,
       b.id AS buyer_id, x.product_id AS product_id, x.share AS share, x.annual_value AS annual_value
ORDER BY buyer_id, product_id, supplier_id
