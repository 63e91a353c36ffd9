// Creates SUPPLIES relationships from Enterprise to Enterprise in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY SUPPLIES FROM $rows (from='Enterprise', to='Enterprise')
