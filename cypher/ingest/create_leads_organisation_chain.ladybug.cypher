// Creates LEADS relationships from Organisation to Chain in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY LEADS FROM $rows (from='Organisation', to='Chain')
