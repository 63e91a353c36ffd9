// Every supply link into the given firms, and each supplier's name, whether it is in the district and
// its region code: the rows of list_chain_district_inputs for just these buyers (a chain's breaks read
// its firms a few at a time, stopping once no common outside supplier is possible).
// bulk: yes
// params: buyer_ids
// returns: supplier_id, supplier_name, supplier_in_district, supplier_region_code, buyer_id, product_id, share, annual_value
MATCH (a:Enterprise)-[x:SUPPLIES]->(b:Enterprise)
WHERE b.id IN $buyer_ids
RETURN a.id AS supplier_id, a.name AS supplier_name, a.in_district AS supplier_in_district,
       a.region_code AS supplier_region_code,
       b.id AS buyer_id, x.product_id AS product_id, x.share AS share, x.annual_value AS annual_value
ORDER BY buyer_id, product_id, supplier_id
