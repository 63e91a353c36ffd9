// Creates a few new Enterprise nodes (journaled: see create_enterprise for many).
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
CREATE (n:Enterprise {id: id, name: name, credit_code: credit_code, region_code: region_code, in_district: in_district, scale: scale, is_anchor: is_anchor, is_specialised: is_specialised, status: status, industry_code: industry_code, description: description, contact_name: contact_name, contact_phone: contact_phone, provenance: provenance, confirmed_on: confirmed_on})
