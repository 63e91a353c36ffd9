// One chain by id.
// params: chain_id
// returns: id, name, leader, description, provenance, confirmed_on
MATCH (c:Chain)
WHERE c.id = $chain_id
RETURN c.id AS id, c.name AS name, c.leader AS leader, c.description AS description,
       c.provenance AS provenance, c.confirmed_on AS confirmed_on
