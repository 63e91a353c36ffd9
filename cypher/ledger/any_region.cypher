// The first region of the graph by id, if it holds any (the first import adds the reference regions).
// params: -
// returns: id
MATCH (n:Region)
RETURN n.id AS id
ORDER BY id
LIMIT 1
