// Gives a recorded update another date and note (an admin correcting a wrong date), and the graph
// version it left.
// params: id, at, note, version
// returns: -
MATCH (u:GraphUpdate)
WHERE u.id = $id
SET u.at = $at, u.note = $note, u.name = $note, u.version = $version
