// The segments of a chain from upstream to downstream with every firm operating in each (a segment
// without firms comes back once, with null firm columns).
// bulk: yes
// params: chain_id
// returns: segment_id, segment_name, position, enterprise_id, enterprise_name, in_district, status, scale, is_anchor, is_specialised, region_code
MATCH (c:Chain)-[:HAS_SEGMENT]->(s:Segment)
WHERE c.id = $chain_id
OPTIONAL MATCH (e:Enterprise)-[:OPERATES_IN]->(s)
RETURN s.id AS segment_id, s.name AS segment_name, s.position AS position,
       e.id AS enterprise_id, e.name AS enterprise_name, e.in_district AS in_district,
       e.status AS status, e.scale AS scale, e.is_anchor AS is_anchor,
       e.is_specialised AS is_specialised, e.region_code AS region_code
ORDER BY position, segment_id, enterprise_id
