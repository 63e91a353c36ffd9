// The chain segments an enterprise operates in.
// params: enterprise_id
// returns: id, name, chain_id, position
MATCH (e:Enterprise)-[:OPERATES_IN]->(s:Segment)
WHERE e.id = $enterprise_id
RETURN s.id AS id, s.name AS name, s.chain_id AS chain_id, s.position AS position
ORDER BY chain_id, position
