// A whole bounded neighbourhood walk from one subject in one round trip: a breadth-first search (ANY SHORTEST)
// along the given relationship types, valid on asOf (validFrom ≤ asOf < validTo, open ends allowed; every
// relationship ever recorded when asOf is null). Contacts and records are not subjects and are never walked.
// The hop limit and the direction are literal text, as Cypher takes them (cypher/query-loader.ts, QueryShape):
// {{maxHops}} an integer, {{lt}}/{{gt}} the arrow ends. They must stay literal: with the direction as a
// predicate on startNode(r), the search no longer prunes by direction and blows up past a few hops.
// Rows come in no particular order, so a LIMIT that cuts the walk does not keep the nearest; the caller passes
// limit = node cap + 1 to tell that it cut.
// Params: id, types [string], asOf (YYYY-MM-DD or null), limit.
// Returns: id, hops (fewest relationships from the subject; the subject itself may come back on a loop).
MATCH (s:Subject {id: $id})
MATCH p = ANY SHORTEST (s){{lt}}-[r WHERE type(r) IN $types
    AND ($asOf IS NULL
         OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  ]-{{gt}}{1,{{maxHops}}}(t:Subject)
RETURN t.id AS id, length(p) AS hops
LIMIT toInteger($limit)
