// The technologies on a chain's roadmap and the enterprises holding each.
// params: chain_id
// returns: technology_id, technology_name, status, target_year, enterprise_id
MATCH (e:Enterprise)-[:HOLDS_TECHNOLOGY]->(t:Technology)
WHERE t.chain_id = $chain_id
RETURN t.id AS technology_id, t.name AS technology_name, t.status AS status,
       t.target_year AS target_year, e.id AS enterprise_id
ORDER BY technology_id, enterprise_id
