// A record with its kept history: events in order, objections, repair applications, and what it binds.
// Params: id. Returns: record, subjectId, events, objections, repairs, bindings.
MATCH (s:Subject)-[:HAS_RECORD]->(r:Record {id: $id})
CALL (r) {
  OPTIONAL MATCH (r)-[:HAS_EVENT]->(e:RecordEvent)
  WITH e ORDER BY e.recordedAt, e.id
  RETURN collect(properties(e)) AS events
}
CALL (r) {
  OPTIONAL MATCH (o:Objection)-[:ABOUT]->(r)
  WITH o ORDER BY o.openedAt, o.id
  RETURN collect(properties(o)) AS objections
}
CALL (r) {
  OPTIONAL MATCH (a:RepairApplication)-[:FOR_RECORD]->(r)
  WITH a ORDER BY a.appliedAt, a.id
  RETURN collect(properties(a)) AS repairs
}
CALL (r) {
  OPTIONAL MATCH (x:Subject)-[b:BOUND_BY]->(r)
  RETURN collect(CASE WHEN b IS NULL THEN null ELSE b {.*, subjectId: x.id, recordId: r.id, recordSubjectId: r.subjectId, recordCategory: r.category, severity: r.severity, actDate: r.actDate} END) AS bindings
}
RETURN properties(r) AS record, s.id AS subjectId, events, objections, repairs, bindings
