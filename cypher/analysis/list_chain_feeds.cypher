// Which segment of a chain feeds which (upstream -> downstream).
// params: chain_id
// returns: from_id, to_id
MATCH (c:Chain)-[:HAS_SEGMENT]->(a:Segment)-[:FEEDS]->(b:Segment)
WHERE c.id = $chain_id
RETURN a.id AS from_id, b.id AS to_id
ORDER BY from_id, to_id
