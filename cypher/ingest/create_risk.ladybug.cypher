// Creates new Risk nodes in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY Risk FROM $rows
