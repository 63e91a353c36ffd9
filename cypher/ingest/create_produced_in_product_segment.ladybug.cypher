// Creates PRODUCED_IN relationships from Product to Segment in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY PRODUCED_IN FROM $rows (from='Product', to='Segment')
