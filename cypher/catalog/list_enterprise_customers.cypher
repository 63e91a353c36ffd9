// Who an enterprise sells to: buyer, product, share and annual value of each supply link.
// params: enterprise_id
// returns: enterprise_id, enterprise_name, in_district, product_id, share, annual_value
MATCH (e:Enterprise)-[x:SUPPLIES]->(b:Enterprise)
WHERE e.id = $enterprise_id
RETURN b.id AS enterprise_id, b.name AS enterprise_name, b.in_district AS in_district,
       x.product_id AS product_id, x.share AS share, x.annual_value AS annual_value
ORDER BY product_id, enterprise_id
