// Creates OPERATES_IN relationships from Enterprise to Segment in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY OPERATES_IN FROM $rows (from='Enterprise', to='Segment')
