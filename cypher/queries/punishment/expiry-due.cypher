// Records whose publication has ended by $date while they still stand, and records binding someone with a
// measure whose own duration is over: the work of the daily expiry run, a batch of records at a time.
// Params: date, limit. Returns: record (properties), subjectId, bindings [properties].
CALL () {
  MATCH (r:Record)
  WHERE r.publicationTo <= $date AND r.status IN ['active', 'under_objection']
  RETURN r
  UNION
  MATCH (:Subject)-[b:BOUND_BY]->(r:Record)
  WHERE b.nextEnd <= $date
  RETURN r
}
WITH DISTINCT r
ORDER BY r.id
LIMIT toInteger($limit)
MATCH (s:Subject)-[:HAS_RECORD]->(r)
SET r.lockToken = true
REMOVE r.lockToken
WITH s, r
CALL (r) {
  OPTIONAL MATCH (x:Subject)-[b:BOUND_BY]->(r)
  RETURN collect(CASE WHEN b IS NULL THEN null ELSE b {.*, subjectId: x.id, recordId: r.id, recordSubjectId: r.subjectId, recordCategory: r.category, severity: r.severity, actDate: r.actDate} END) AS bindings
}
RETURN properties(r) AS record, s.id AS subjectId, bindings
