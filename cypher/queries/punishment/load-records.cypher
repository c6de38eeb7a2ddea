// Records with everything a joint-punishment decision needs: the record's facts, the dated role relationships
// into its subject (any date: the domain picks those held on the act date), what it binds already (its BOUND_BY
// relationships) and its pending outbox markers. Takes each record's write lock (SET/REMOVE of a scratch
// property), so an import or another decision on the same record waits for this transaction instead of racing.
// With $markOutboxDone (a propagation) the pending markers read are marked done here, in the caller's transaction:
// only those read, so a marker written by a later import stays pending for its own job.
// Params: ids [string], markOutboxDone (boolean). Returns: record (properties), subjectId, relations [map],
// bindings [binding properties with the bound subject's and the record's ids and facts], outbox [id].
UNWIND $ids AS id
MATCH (s:Subject)-[:HAS_RECORD]->(r:Record {id: id})
SET r.lockToken = true
REMOVE r.lockToken
WITH s, r
CALL (s) {
  OPTIONAL MATCH (h:Subject)-[rel:LEGAL_REP|OFFICER|SHAREHOLDER|ACTUAL_CONTROLLER]->(s)
  RETURN collect(CASE WHEN rel IS NULL THEN null ELSE {
    type: type(rel), fromId: h.id, fromKind: h.kind, toId: s.id,
    validFrom: rel.validFrom, validTo: rel.validTo, role: rel.role, stakePct: rel.stakePct
  } END) AS relations
}
CALL (r) {
  OPTIONAL MATCH (x:Subject)-[b:BOUND_BY]->(r)
  RETURN collect(CASE WHEN b IS NULL THEN null ELSE b {.*, subjectId: x.id, recordId: r.id, recordSubjectId: r.subjectId, recordCategory: r.category, severity: r.severity, actDate: r.actDate} END) AS bindings
}
CALL (r) {
  OPTIONAL MATCH (o:Outbox {recordId: r.id}) WHERE o.state = 'pending'
  FOREACH (_ IN CASE WHEN $markOutboxDone AND o IS NOT NULL THEN [1] ELSE [] END |
    SET o.state = 'done', o.doneAt = datetime())
  RETURN collect(o.id) AS outbox
}
RETURN properties(r) AS record, s.id AS subjectId, relations, bindings, outbox
