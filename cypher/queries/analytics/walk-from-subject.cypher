// A whole bounded neighbourhood walk from one subject in one round trip: breadth-first (ANY SHORTEST runs a
// breadth-first search, so rows come nearest first and LIMIT keeps the nearest), along the given relationship
// types and direction, valid on asOf (validFrom ≤ asOf < validTo, open ends allowed; every relationship ever
// recorded when asOf is null). Contacts and records are not subjects and are never walked. The hop limit is a
// quantifier bound, which Cypher takes only as a literal: {{maxHops}} is filled with an integer by the loader.
// The caller passes limit = node cap + 1 so it can tell when the cap cut the walk.
// Params: id, types [string], direction ('out' | 'in' | 'both'), asOf (YYYY-MM-DD or null), limit.
// Returns: id, hops (fewest relationships from the subject; the subject itself may come back on a loop).
MATCH (s:Subject {id: $id})
MATCH p = ANY SHORTEST (s) ((a)-[r]-(b)
    WHERE type(r) IN $types
      AND ($direction = 'both'
           OR ($direction = 'out' AND startNode(r) = a)
           OR ($direction = 'in' AND endNode(r) = a))
      AND ($asOf IS NULL
           OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  ){1,{{maxHops}}} (t:Subject)
RETURN t.id AS id, length(p) AS hops
LIMIT toInteger($limit)
