// Keeps the session secret unless one exists (the first process to need it makes it; the others use that one).
// params: secret, today
// returns: -
MERGE (s:SessionSecret {id: 'session'})
ON CREATE SET s.name = '会话签名密钥', s.secret = $secret, s.provenance = 'chainlens', s.confirmed_on = $today
