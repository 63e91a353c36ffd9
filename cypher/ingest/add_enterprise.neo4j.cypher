// Creates a few new Enterprise nodes (as create_enterprise does on this engine).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
CREATE (n:Enterprise {id: r.id, name: r.name, credit_code: r.credit_code, region_code: r.region_code, in_district: r.in_district, scale: r.scale, is_anchor: r.is_anchor, is_specialised: r.is_specialised, status: r.status, industry_code: r.industry_code, description: r.description, contact_name: r.contact_name, contact_phone: r.contact_phone, provenance: r.provenance, confirmed_on: r.confirmed_on})
