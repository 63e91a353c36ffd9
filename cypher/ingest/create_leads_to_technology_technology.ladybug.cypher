// Creates LEADS_TO relationships from Technology to Technology in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY LEADS_TO FROM $rows (from='Technology', to='Technology')
