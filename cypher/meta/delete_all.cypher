// Empties the graph (tests and benchmarks only).
// params: -
// returns: -
MATCH (n)
DETACH DELETE n
