// Which enterprise makes which product: where substitutes for a supplier can be found. Unordered.
// bulk: yes
// params: -
// returns: enterprise_id, product_id
MATCH (e:Enterprise)-[:MAKES]->(p:Product)
RETURN e.id AS enterprise_id, p.id AS product_id
