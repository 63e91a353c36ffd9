// Takes the graph's write lock: the first statement of every write transaction, so that writers of every
// process queue here and each reads the log (and numbers its update) only once the writer before it committed.
// params: today
// returns: writes
MERGE (l:WriteLock {id: 'graph'})
ON CREATE SET l.name = '写入锁', l.provenance = 'chainlens', l.confirmed_on = $today, l.writes = 1
ON MATCH SET l.writes = l.writes + 1
RETURN l.writes AS writes
