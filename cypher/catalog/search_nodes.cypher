// Nodes whose Chinese name or id contains the text, at most `limit` per kind (searchable kinds only).
// params: q, limit
// returns: kind, id, name
MATCH (n:Chain)
WHERE n.name CONTAINS $q OR n.id CONTAINS $q
RETURN 'chain' AS kind, n.id AS id, n.name AS name
ORDER BY id
LIMIT $limit
UNION ALL
MATCH (n:Segment)
WHERE n.name CONTAINS $q OR n.id CONTAINS $q
RETURN 'segment' AS kind, n.id AS id, n.name AS name
ORDER BY id
LIMIT $limit
UNION ALL
MATCH (n:Enterprise)
WHERE n.name CONTAINS $q OR n.id CONTAINS $q
RETURN 'enterprise' AS kind, n.id AS id, n.name AS name
ORDER BY id
LIMIT $limit
UNION ALL
MATCH (n:Product)
WHERE n.name CONTAINS $q OR n.id CONTAINS $q
RETURN 'product' AS kind, n.id AS id, n.name AS name
ORDER BY id
LIMIT $limit
UNION ALL
MATCH (n:Technology)
WHERE n.name CONTAINS $q OR n.id CONTAINS $q
RETURN 'technology' AS kind, n.id AS id, n.name AS name
ORDER BY id
LIMIT $limit
UNION ALL
MATCH (n:ApplicationDomain)
WHERE n.name CONTAINS $q OR n.id CONTAINS $q
RETURN 'application_domain' AS kind, n.id AS id, n.name AS name
ORDER BY id
LIMIT $limit
UNION ALL
MATCH (n:Project)
WHERE n.name CONTAINS $q OR n.id CONTAINS $q
RETURN 'project' AS kind, n.id AS id, n.name AS name
ORDER BY id
LIMIT $limit
UNION ALL
MATCH (n:Policy)
WHERE n.name CONTAINS $q OR n.id CONTAINS $q
RETURN 'policy' AS kind, n.id AS id, n.name AS name
ORDER BY id
LIMIT $limit
UNION ALL
MATCH (n:Organisation)
WHERE n.name CONTAINS $q OR n.id CONTAINS $q
RETURN 'organisation' AS kind, n.id AS id, n.name AS name
ORDER BY id
LIMIT $limit
