// The township-level units of the district (streets, towns, development zones and industrial parks):
// where a recruited firm could settle.
// params: district_code
// returns: id, name
MATCH (r:Region)
WHERE r.level = 'township' AND r.id STARTS WITH $district_code
RETURN r.id AS id, r.name AS name
ORDER BY id
