// Creates SUPPORTS relationships from Policy to Chain in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY SUPPORTS FROM $rows (from='Policy', to='Chain')
