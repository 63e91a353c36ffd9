// Creates IN_SEGMENT relationships from Project to Segment in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY IN_SEGMENT FROM $rows (from='Project', to='Segment')
