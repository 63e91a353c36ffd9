// Creates UNDERTAKEN_BY relationships from Project to Enterprise in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY UNDERTAKEN_BY FROM $rows (from='Project', to='Enterprise')
