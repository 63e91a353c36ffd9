// Every API key kept in the graph (system nodes; the Neo4j backend), with its secret's SHA-256.
// params: -
// returns: key_id, owner, role, chains, created_at, revoked_at, secret_sha256
MATCH (k:ApiKey)
RETURN k.id AS key_id, k.owner AS owner, k.role AS role, k.chains AS chains, k.created_at AS created_at,
       k.revoked_at AS revoked_at, k.secret_sha256 AS secret_sha256
ORDER BY created_at, key_id
