// Every recorded update, oldest first.
// params: -
// returns: id, seq, at, recorded_at, author, note, kind, undoes, version, changes, summary
MATCH (u:GraphUpdate)
RETURN u.id AS id, u.seq AS seq, u.at AS at, u.recorded_at AS recorded_at, u.author AS author,
       u.note AS note, u.kind AS kind, u.undoes AS undoes, u.version AS version, u.changes AS changes,
       u.summary AS summary
ORDER BY seq
