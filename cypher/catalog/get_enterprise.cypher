// One enterprise by id, with the name and level of the region it is located in (the finest level known).
// params: enterprise_id
// returns: id, name, credit_code, region_code, region_name, region_level, in_district, scale, is_anchor, is_specialised, status, industry_code, description, contact_name, contact_phone, provenance, confirmed_on
MATCH (e:Enterprise)
WHERE e.id = $enterprise_id
OPTIONAL MATCH (e)-[:LOCATED_IN]->(r:Region)
RETURN e.id AS id, e.name AS name, e.credit_code AS credit_code, e.region_code AS region_code,
       r.name AS region_name, r.level AS region_level, e.in_district AS in_district, e.scale AS scale,
       e.is_anchor AS is_anchor, e.is_specialised AS is_specialised, e.status AS status,
       e.industry_code AS industry_code, e.description AS description,
       e.contact_name AS contact_name, e.contact_phone AS contact_phone,
       e.provenance AS provenance, e.confirmed_on AS confirmed_on
