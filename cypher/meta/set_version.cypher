// Gives the graph a new version token; runs in the same transaction as every write.
// params: version, today
// returns: -
MERGE (m:Meta {id: 'graph'})
ON CREATE SET m.name = '图谱版本', m.provenance = 'chainlens', m.version = $version, m.confirmed_on = $today
ON MATCH SET m.version = $version, m.confirmed_on = $today
