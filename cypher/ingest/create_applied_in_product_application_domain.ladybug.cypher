// Creates APPLIED_IN relationships from Product to ApplicationDomain in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY APPLIED_IN FROM $rows (from='Product', to='ApplicationDomain')
