// How many nodes the graph holds, all labels together.
// params: -
// returns: nodes
MATCH (n)
RETURN count(n) AS nodes
