// Creates FEEDS relationships from Segment to Segment in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY FEEDS FROM $rows (from='Segment', to='Segment')
