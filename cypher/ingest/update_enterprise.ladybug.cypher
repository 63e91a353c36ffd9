// Overwrites the properties of existing Enterprise nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (n:Enterprise)
WHERE n.id = id
SET n.name = name,
    n.credit_code = credit_code,
    n.region_code = region_code,
    n.in_district = in_district,
    n.scale = scale,
    n.is_anchor = is_anchor,
    n.is_specialised = is_specialised,
    n.status = status,
    n.industry_code = industry_code,
    n.description = description,
    n.contact_name = contact_name,
    n.contact_phone = contact_phone,
    n.provenance = provenance,
    n.confirmed_on = confirmed_on
