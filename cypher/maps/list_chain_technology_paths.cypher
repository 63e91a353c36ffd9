// The roadmap steps between a chain's technologies, with their target years.
// params: chain_id
// returns: from_id, to_id, target_year
MATCH (a:Technology)-[x:LEADS_TO]->(b:Technology)
WHERE a.chain_id = $chain_id
RETURN a.id AS from_id, b.id AS to_id, x.target_year AS target_year
ORDER BY from_id, to_id
