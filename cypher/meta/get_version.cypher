// The graph's version token (none before the first write through chainlens).
// params: -
// returns: version
MATCH (m:Meta)
WHERE m.id = 'graph'
RETURN m.version AS version
