// The projects working on a chain's technologies.
// params: chain_id
// returns: technology_id, project_id, project_name
MATCH (p:Project)-[:HOLDS_TECHNOLOGY]->(t:Technology)
WHERE t.chain_id = $chain_id
RETURN t.id AS technology_id, p.id AS project_id, p.name AS project_name
ORDER BY technology_id, project_id
