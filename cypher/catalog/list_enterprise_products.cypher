// The products an enterprise makes, with their 产品大类 and how much each weighs for the firm (revenue
// share, main line; null where unknown).
// params: enterprise_id
// returns: id, name, hs_code, parent_id, parent_name, revenue_share, main_line
MATCH (e:Enterprise)-[m:MAKES]->(p:Product)
WHERE e.id = $enterprise_id
OPTIONAL MATCH (p)-[:SUBTYPE_OF]->(parent:Product)
RETURN p.id AS id, p.name AS name, p.hs_code AS hs_code, parent.id AS parent_id,
       parent.name AS parent_name, m.revenue_share AS revenue_share, m.main_line AS main_line
ORDER BY id
