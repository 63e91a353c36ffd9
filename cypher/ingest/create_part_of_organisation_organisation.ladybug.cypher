// Creates PART_OF relationships from Organisation to Organisation in bulk.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
COPY PART_OF FROM $rows (from='Organisation', to='Organisation')
