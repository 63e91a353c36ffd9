// Stores one piece of the rows an update changed (gzip + base64 JSON).
// params: id, update_id, n, payload, today
// returns: -
CREATE (c:GraphUpdateChunk {id: $id, name: $id, update_id: $update_id, n: $n, payload: $payload,
        provenance: 'chainlens', confirmed_on: $today})
