// Who an enterprise buys from: supplier, product, share and annual value of each supply link.
// params: enterprise_id
// returns: enterprise_id, enterprise_name, in_district, product_id, share, annual_value
MATCH (s:Enterprise)-[x:SUPPLIES]->(e:Enterprise)
WHERE e.id = $enterprise_id
RETURN s.id AS enterprise_id, s.name AS enterprise_name, s.in_district AS in_district,
       x.product_id AS product_id, x.share AS share, x.annual_value AS annual_value
ORDER BY product_id, enterprise_id
