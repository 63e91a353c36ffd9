// One region of the graph, if it holds any (the first import adds the reference regions).
// params: -
// returns: id
MATCH (n:Region)
RETURN n.id AS id
LIMIT 1
