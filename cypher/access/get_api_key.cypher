// One API key by its id (none when unknown), with its secret's SHA-256.
// params: key_id
// returns: key_id, owner, role, chains, created_at, revoked_at, secret_sha256
MATCH (k:ApiKey)
WHERE k.id = $key_id
RETURN k.id AS key_id, k.owner AS owner, k.role AS role, k.chains AS chains, k.created_at AS created_at,
       k.revoked_at AS revoked_at, k.secret_sha256 AS secret_sha256
