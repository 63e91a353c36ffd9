// The technologies on a chain's roadmap with the segments and products that use each (null when none).
// params: chain_id
// returns: id, name, status, target_year, segment_id, segment_position
MATCH (t:Technology)
WHERE t.chain_id = $chain_id
OPTIONAL MATCH (s:Segment)-[:USES_TECHNOLOGY]->(t)
RETURN t.id AS id, t.name AS name, t.status AS status, t.target_year AS target_year,
       s.id AS segment_id, s.position AS segment_position
ORDER BY id, segment_position
