// Revokes an API key (a revoked key keeps its first revocation time).
// params: key_id, revoked_at
// returns: key_id
MATCH (k:ApiKey)
WHERE k.id = $key_id
SET k.revoked_at = CASE WHEN k.revoked_at IS NULL OR k.revoked_at = '' THEN $revoked_at ELSE k.revoked_at END
RETURN k.id AS key_id
