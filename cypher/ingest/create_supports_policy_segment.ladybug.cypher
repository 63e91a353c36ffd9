// Creates SUPPORTS relationships from Policy to Segment in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY SUPPORTS FROM $rows (from='Policy', to='Segment')
