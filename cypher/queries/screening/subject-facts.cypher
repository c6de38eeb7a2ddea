// Screening, step 3: what is known about matched subjects, many at once — identity, the stored risk score
// (written by the rescoring job), active list entries, what check-before-handling needs to tell the measures
// in force (live bindings of the subject, the role relationships into it on asOf and the live punishments
// binding the holders at their other end, 改头换面; same shape as punishment/check-context), and the
// guarantees among the subjects it reaches along at most 6 guarantees in force — only for a subject that
// reaches itself again, i.e. stands on a guarantee cycle (the caller finds the circle with the whole-graph
// detector's algorithm; 6 = the risk model's loop horizon).
// Params: ids [string], asOf, listCategories [string].
// Returns: id, kind, name, uscc, regNo, idMasked, region, riskScore, riskClass, riskAsOf, riskScoredAt,
// direct [binding properties], relations, related [binding properties], lists [record properties],
// guarantees [{from {id, kind, name, idMasked}, to {…}, amount}].
UNWIND $ids AS sid
MATCH (s:Subject {id: sid})
CALL (s) {
  OPTIONAL MATCH (s)-[b:BOUND_BY]->(r:Record)
  WHERE b.status IN ['in_force', 'suspended']
  RETURN collect(CASE WHEN b IS NULL THEN null ELSE b {.*, subjectId: s.id, recordId: r.id, recordSubjectId: r.subjectId, recordCategory: r.category, severity: r.severity, actDate: r.actDate} END) AS direct
}
CALL (s) {
  OPTIONAL MATCH (h:Subject)-[rel:LEGAL_REP|OFFICER|SHAREHOLDER|ACTUAL_CONTROLLER]->(s)
  WHERE (rel.validFrom IS NULL OR rel.validFrom <= $asOf) AND (rel.validTo IS NULL OR $asOf < rel.validTo)
  RETURN collect(CASE WHEN rel IS NULL THEN null ELSE {
    type: type(rel), fromId: h.id, fromKind: h.kind, toId: s.id,
    validFrom: rel.validFrom, validTo: rel.validTo, role: rel.role, stakePct: rel.stakePct
  } END) AS relations, collect(DISTINCT h) AS holders
}
CALL (holders) {
  UNWIND holders AS h
  MATCH (h)-[b:BOUND_BY]->(r:Record)
  WHERE b.status IN ['in_force', 'suspended'] AND b.punishment
  RETURN collect(b {.*, subjectId: h.id, recordId: r.id, recordSubjectId: r.subjectId, recordCategory: r.category, severity: r.severity, actDate: r.actDate}) AS related
}
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_RECORD]->(r:Record)
  WHERE r.status = 'active' AND r.category IN $listCategories
    AND (r.publicationTo IS NULL OR r.publicationTo >= $asOf)
  RETURN collect(r {.id, .category, .authority, decisionDate: toString(r.decisionDate),
                    publicationTo: toString(r.publicationTo)}) AS lists
}
CALL (s) {
  OPTIONAL MATCH (s)-[gs:GUARANTEE*1..6]->(x:Subject)
  WHERE all(g IN gs WHERE (g.validFrom IS NULL OR g.validFrom <= $asOf) AND (g.validTo IS NULL OR g.validTo > $asOf))
  WITH DISTINCT x
  RETURN collect(x) AS reach
}
CALL (s, reach) {
  WITH s, reach WHERE s IN reach
  UNWIND reach AS x
  MATCH (x)-[g:GUARANTEE]->(y:Subject)
  WHERE y IN reach
    AND (g.validFrom IS NULL OR g.validFrom <= $asOf) AND (g.validTo IS NULL OR g.validTo > $asOf)
  RETURN collect({from: x {.id, .kind, .name, .idMasked}, to: y {.id, .kind, .name, .idMasked}, amount: g.amount}) AS guarantees
}
RETURN s.id AS id, s.kind AS kind, s.name AS name, s.uscc AS uscc, s.regNo AS regNo, s.idMasked AS idMasked,
       s.region AS region, s.riskScore AS riskScore, s.riskClass AS riskClass, s.riskAsOf AS riskAsOf,
       toString(s.riskScoredAt) AS riskScoredAt, direct, relations, related, lists, guarantees
