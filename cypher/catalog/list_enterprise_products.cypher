// The products an enterprise makes.
// params: enterprise_id
// returns: id, name, hs_code
MATCH (e:Enterprise)-[:MAKES]->(p:Product)
WHERE e.id = $enterprise_id
RETURN p.id AS id, p.name AS name, p.hs_code AS hs_code
ORDER BY id
