// Creates MAKES relationships from Enterprise to Product in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY MAKES FROM $rows (from='Enterprise', to='Product')
