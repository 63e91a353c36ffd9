// The secret that signs browser sessions, shared by every API process (none before the first sign-in).
// params: -
// returns: secret
MATCH (s:SessionSecret)
WHERE s.id = 'session'
RETURN s.secret AS secret
