// The projects of a chain's segments, for the key-projects list (重点项目清单).
// params: chain_id
// returns: id, name, segment_id, segment_name, enterprise_id, enterprise_name, region_code, region_name, investment, stage, start_date, end_date, description, provenance, confirmed_on
MATCH (c:Chain)-[:HAS_SEGMENT]->(s:Segment)<-[:IN_SEGMENT]-(p:Project)
WHERE c.id = $chain_id
OPTIONAL MATCH (p)-[:UNDERTAKEN_BY]->(e:Enterprise)
OPTIONAL MATCH (p)-[:LOCATED_IN]->(r:Region)
RETURN p.id AS id, p.name AS name, s.id AS segment_id, s.name AS segment_name,
       e.id AS enterprise_id, e.name AS enterprise_name, r.id AS region_code, r.name AS region_name,
       p.investment AS investment, p.stage AS stage, p.start_date AS start_date, p.end_date AS end_date,
       p.description AS description, p.provenance AS provenance, p.confirmed_on AS confirmed_on
ORDER BY segment_id, id
