// One breadth-first step of a bounded neighbourhood walk: the subjects one relationship away from a frontier,
// along the given relationship types and direction, valid on asOf (validFrom ≤ asOf < validTo, open ends
// allowed; every relationship ever recorded when asOf is null). Contacts and records are not subjects and
// are never walked. The caller passes limit = node cap + 1 so it can tell when the cap cut the walk.
// Params: ids [string], types [string], direction ('out' | 'in' | 'both'), asOf (YYYY-MM-DD or null), limit.
// Returns: id (distinct neighbour ids, at most limit; may include ids already seen).
UNWIND $ids AS sid
MATCH (s:Subject {id: sid})-[r]-(t:Subject)
WHERE type(r) IN $types
  AND ($direction = 'both'
       OR ($direction = 'out' AND startNode(r) = s)
       OR ($direction = 'in' AND endNode(r) = s))
  AND ($asOf IS NULL
       OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
RETURN DISTINCT t.id AS id
LIMIT toInteger($limit)
