// Records one update of the graph (system node; written by service.history only).
// params: id, name, seq, at, recorded_at, author, note, kind, undoes, version, changes, summary, today
// returns: -
CREATE (u:GraphUpdate {id: $id, name: $name, seq: $seq, at: $at, recorded_at: $recorded_at, author: $author,
        note: $note, kind: $kind, undoes: $undoes, version: $version, changes: $changes, summary: $summary,
        provenance: 'chainlens', confirmed_on: $today})
