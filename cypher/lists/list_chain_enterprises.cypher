// Every firm operating in a chain with the columns an office prints, one row per firm and segment.
// params: chain_id
// returns: id, name, credit_code, region_code, region_name, in_district, scale, is_anchor, is_specialised, status, segment_id, segment_name, position, contact_name, contact_phone, description
MATCH (c:Chain)-[:HAS_SEGMENT]->(s:Segment)<-[:OPERATES_IN]-(e:Enterprise)
WHERE c.id = $chain_id
OPTIONAL MATCH (e)-[:LOCATED_IN]->(r:Region)
RETURN e.id AS id, e.name AS name, e.credit_code AS credit_code, e.region_code AS region_code,
       r.name AS region_name, e.in_district AS in_district, e.scale AS scale, e.is_anchor AS is_anchor,
       e.is_specialised AS is_specialised, e.status AS status, s.id AS segment_id,
       s.name AS segment_name, s.position AS position, e.contact_name AS contact_name,
       e.contact_phone AS contact_phone, e.description AS description
ORDER BY position, id
