// Every enterprise with the facts the analyses weigh (where it is, how big, its flags). Unordered.
// bulk: yes
// params: -
// returns: id, name, in_district, region_code, status, scale, is_anchor, is_specialised
MATCH (e:Enterprise)
RETURN e.id AS id, e.name AS name, e.in_district AS in_district, e.region_code AS region_code,
       e.status AS status, e.scale AS scale, e.is_anchor AS is_anchor, e.is_specialised AS is_specialised
