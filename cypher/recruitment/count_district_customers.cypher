// For every active firm outside the district that supplies district firms: how many distinct district
// firms it already supplies.
// bulk: yes
// params:
// returns: enterprise_id, district_customers
MATCH (e:Enterprise)-[:SUPPLIES]->(b:Enterprise)
WHERE b.in_district = true AND e.in_district = false AND e.status = 'active'
RETURN e.id AS enterprise_id, count(DISTINCT b) AS district_customers
ORDER BY enterprise_id
