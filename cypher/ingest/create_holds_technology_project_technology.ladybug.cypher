// Creates HOLDS_TECHNOLOGY relationships from Project to Technology in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY HOLDS_TECHNOLOGY FROM $rows (from='Project', to='Technology')
