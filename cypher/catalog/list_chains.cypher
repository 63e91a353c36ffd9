// The chains with how many segments each has.
// params: -
// returns: id, name, leader, description, segment_count
MATCH (c:Chain)
OPTIONAL MATCH (c)-[:HAS_SEGMENT]->(s:Segment)
RETURN c.id AS id, c.name AS name, c.leader AS leader, c.description AS description,
       count(s) AS segment_count
ORDER BY id
