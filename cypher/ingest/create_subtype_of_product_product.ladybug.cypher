// Creates SUBTYPE_OF relationships from Product to Product in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY SUBTYPE_OF FROM $rows (from='Product', to='Product')
