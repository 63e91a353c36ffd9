// Overwrites the properties of existing Policy nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
LOAD FROM $rows
MATCH (n:Policy)
WHERE n.id = id
SET n.name = name,
    n.issuer = issuer,
    n.level = level,
    n.issued_on = issued_on,
    n.doc_number = doc_number,
    n.summary = summary,
    n.provenance = provenance,
    n.confirmed_on = confirmed_on
