// How many API keys are not revoked (none: the service runs open, on loopback only).
// params: -
// returns: active
MATCH (k:ApiKey)
WHERE k.revoked_at IS NULL OR k.revoked_at = ''
RETURN count(k) AS active
