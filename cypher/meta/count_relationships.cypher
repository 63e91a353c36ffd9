// How many relationships the graph holds, all types together.
// params: -
// returns: relationships
MATCH ()-[r]->()
RETURN count(r) AS relationships
