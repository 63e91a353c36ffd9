// Creates LOCATED_IN relationships from Enterprise to Region in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY LOCATED_IN FROM $rows (from='Enterprise', to='Region')
