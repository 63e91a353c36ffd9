// Lists the Enterprise nodes with the given ids, with all their properties, ordered by id.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: ids
// returns: id, name, credit_code, region_code, in_district, scale, is_anchor, is_specialised, status, industry_code, description, contact_name, contact_phone, provenance, confirmed_on
MATCH (n:Enterprise)
WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name, n.credit_code AS credit_code, n.region_code AS region_code, n.in_district AS in_district, n.scale AS scale, n.is_anchor AS is_anchor, n.is_specialised AS is_specialised, n.status AS status, n.industry_code AS industry_code, n.description AS description, n.contact_name AS contact_name, n.contact_phone AS contact_phone, n.provenance AS provenance, n.confirmed_on AS confirmed_on
ORDER BY id
