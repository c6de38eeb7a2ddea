// One subject's bounded neighbourhood and everything the projection needs about it, in one round trip: the
// breadth-first walk of walk-from-subject.cypher (same shape placeholders, same validity rule), then for the
// subject and each subject reached the columns of neighbourhood-data.cypher with inSetOnly. It spares the
// second round trip and looking every reached subject up again by id.
// `walked` is how many subjects the walk returned: more than limit − 1 means the LIMIT cut it, and the caller
// walks again hop by hop (the search returns rows in no order, so a cut walk has not kept the nearest).
// Params: id, types [string], asOf (YYYY-MM-DD or null), limit.
// Returns one row per subject, the walked-from subject first with hops 0: id, hops, walked, and the columns of
// neighbourhood-data.cypher. No row when there is no such subject.
MATCH (s0:Subject {id: $id})
CALL (s0) {
  MATCH p = ANY SHORTEST (s0){{lt}}-[r WHERE type(r) IN $types
      AND ($asOf IS NULL
           OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
    ]-{{gt}}{1,{{maxHops}}}(t:Subject)
  WITH t, length(p) AS hops
  LIMIT toInteger($limit)
  RETURN collect([t, hops]) AS walk
}
WITH [[s0, 0]] + [w IN walk WHERE w[0] <> s0] AS reached, size(walk) AS walked
WITH [x IN reached | x[0]] AS set, reached, walked
UNWIND reached AS pair
WITH set, walked, pair[0] AS s, pair[1] AS hops
RETURN s.id AS id, hops, walked, s.kind AS kind, s.name AS name, s.idMasked AS idMasked,
       s.registeredAt AS registeredAt, s.address AS address, s.phone AS phone, s.email AS email,
       COLLECT {
         MATCH (s)-[r:LEGAL_REP|SHAREHOLDER|OFFICER|ACTUAL_CONTROLLER|GUARANTEE|BRANCH]->(t:Subject)
         WHERE t IN set
         RETURN [t.id, type(r), r.validFrom, r.validTo, r.stakePct, r.role, r.amount]
       } AS out,
       COLLECT {
         MATCH (s)-[:HAS_RECORD]->(rec:Record)
         RETURN [rec.id, rec.category, rec.severity, rec.status, rec.actDate, rec.decisionDate]
       } AS records
