// The stored pieces of one update's changed rows.
// params: update_id
// returns: n, payload
MATCH (c:GraphUpdateChunk)
WHERE c.update_id = $update_id
RETURN c.n AS n, c.payload AS payload
ORDER BY n
