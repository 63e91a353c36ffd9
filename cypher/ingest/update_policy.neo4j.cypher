// Overwrites the properties of existing Policy nodes.
// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit.
// params: rows
// returns: -
UNWIND $rows AS r
MATCH (n:Policy {id: r.id})
SET n.name = r.name,
    n.issuer = r.issuer,
    n.level = r.level,
    n.issued_on = r.issued_on,
    n.doc_number = r.doc_number,
    n.summary = r.summary,
    n.provenance = r.provenance,
    n.confirmed_on = r.confirmed_on
