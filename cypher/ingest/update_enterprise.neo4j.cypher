// Overwrites the properties of existing Enterprise nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (n:Enterprise {id: r.id})
SET n.name = r.name,
    n.credit_code = r.credit_code,
    n.region_code = r.region_code,
    n.in_district = r.in_district,
    n.scale = r.scale,
    n.is_anchor = r.is_anchor,
    n.is_specialised = r.is_specialised,
    n.status = r.status,
    n.industry_code = r.industry_code,
    n.description = r.description,
    n.contact_name = r.contact_name,
    n.contact_phone = r.contact_phone,
    n.provenance = r.provenance,
    n.confirmed_on = r.confirmed_on
