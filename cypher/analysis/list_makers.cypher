// Which enterprise makes which product, whatever its status: where substitutes for a supplier can be
// found. Only makers in operation count as substitutes; the analyses filter them by the status of
// analysis/list_enterprise_facts, so a firm's card still shows what a planned or stopped firm makes.
// Unordered.
// bulk: yes
// params: -
// returns: enterprise_id, product_id
MATCH (e:Enterprise)-[:MAKES]->(p:Product)
RETURN e.id AS enterprise_id, p.id AS product_id
