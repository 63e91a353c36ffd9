// Keeps a new API key (hashed) as a system node.
// params: key_id, owner, role, chains, created_at, secret_sha256, today
// returns: -
CREATE (k:ApiKey {id: $key_id, name: $owner, owner: $owner, role: $role, chains: $chains,
        created_at: $created_at, revoked_at: '', secret_sha256: $secret_sha256, provenance: 'chainlens',
        confirmed_on: $today})
