// Creates HAS_SEGMENT relationships from Chain to Segment in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY HAS_SEGMENT FROM $rows (from='Chain', to='Segment')
