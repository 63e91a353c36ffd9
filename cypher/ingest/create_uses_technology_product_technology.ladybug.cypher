// Creates USES_TECHNOLOGY relationships from Product to Technology in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY USES_TECHNOLOGY FROM $rows (from='Product', to='Technology')
