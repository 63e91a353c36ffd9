// Creates INPUT_TO relationships from Product to Product in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY INPUT_TO FROM $rows (from='Product', to='Product')
