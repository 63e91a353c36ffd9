// For each of the given firms (the recruitment candidates): how many distinct district firms it already
// supplies. Firms that supply none are left out. Looked up by id: counting for every outside supplier
// walks most supply links of the graph.
// bulk: yes
// params: enterprise_ids
// returns: enterprise_id, district_customers
UNWIND $enterprise_ids AS id
MATCH (e:Enterprise {id: id})-[:SUPPLIES]->(b:Enterprise)
WHERE b.in_district = true
RETURN e.id AS enterprise_id, count(DISTINCT b) AS district_customers
ORDER BY enterprise_id
