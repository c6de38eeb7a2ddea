// What check-before-handling needs about one subject, found by id, USCC or the keyed hash of an ID number:
// what binds it (live bindings); the role relationships into it that hold on asOf; what binds the subjects at
// the other end of those (改头换面); and its own records, for the three-clean-years reward.
// Only what can show in the answer comes back for the subjects at the other end: bindings of holders whose
// relation can relay a punishment ($relay: [{type, minStakePct}], a superset of the check's relay rules) and, for
// a scenario, only bindings holding a measure that applies in it ($measures; null = every measure). A company with
// many bound minority shareholders or nominees otherwise shipped tens of kilobytes per check for nothing.
// Params: by ('id' | 'uscc' | 'idHash'), value, asOf, relay, measures. Returns: id, kind, name, registeredAt,
// direct [binding properties], relations, related [binding properties], records (no row when the subject is
// unknown).
CALL () {
  MATCH (s:Subject {id: $value}) WHERE $by = 'id' RETURN s
  UNION
  MATCH (s:Organisation {uscc: $value}) WHERE $by = 'uscc' RETURN s
  UNION
  MATCH (s:Person {idHash: $value}) WHERE $by = 'idHash' RETURN s
}
WITH s LIMIT 1
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
  } END) AS relations,
  collect(DISTINCT CASE WHEN any(x IN $relay WHERE x.type = type(rel)
    AND (x.minStakePct IS NULL OR coalesce(rel.stakePct, 0) >= x.minStakePct)) THEN h END) AS holders
}
CALL (holders) {
  UNWIND holders AS h
  MATCH (h)-[b:BOUND_BY]->(r:Record)
  WHERE b.status IN ['in_force', 'suspended'] AND b.punishment
    AND ($measures IS NULL OR any(code IN b.measureCodes WHERE code IN $measures))
  RETURN collect(b {.*, subjectId: h.id, recordId: r.id, recordSubjectId: r.subjectId, recordCategory: r.category, severity: r.severity, actDate: r.actDate}) AS related
}
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_RECORD]->(r:Record)
  RETURN collect(r {.id, .category, .severity, .actDate, .decisionDate, .status, .publicationTo}) AS records
}
RETURN s.id AS id, s.kind AS kind, s.name AS name, s.registeredAt AS registeredAt,
       direct, relations, related, records
