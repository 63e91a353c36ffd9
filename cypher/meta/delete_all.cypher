// Empties the graph (tests and `chainlens reset` only).
// params: -
// returns: -
MATCH (n)
DETACH DELETE n
