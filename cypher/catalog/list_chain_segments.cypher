// A chain's segments from upstream to downstream, with how many firms operate in each: all of them,
// those inside the district in operation (在营; the district's capacity), and those inside the district
// not in operation (planned, stopped, closed or of unknown status).
// params: chain_id
// returns: id, name, position, stage, industry_code, enterprise_count, district_enterprise_count, district_inactive_count
MATCH (c:Chain)-[:HAS_SEGMENT]->(s:Segment)
WHERE c.id = $chain_id
OPTIONAL MATCH (e:Enterprise)-[:OPERATES_IN]->(s)
RETURN s.id AS id, s.name AS name, s.position AS position, s.stage AS stage,
       s.industry_code AS industry_code, count(e) AS enterprise_count,
       count(CASE WHEN e.in_district AND e.status = 'active' THEN 1 END) AS district_enterprise_count,
       count(CASE WHEN e.in_district AND (e.status IS NULL OR e.status <> 'active') THEN 1 END)
         AS district_inactive_count
ORDER BY position, id
