// What the record-driven alert rules need about some records: each one's facts, its subject, and every subject
// its measures bind (BOUND_BY) with the roles, aggregate status and the path by role (JSON) as propagation wrote
// them. Params: recordIds [string]. Returns one row per record found: record (properties), subject {id, name,
// kind}, bindings [{id, name, kind, roles, status, punishment, viaByRole}].
UNWIND $recordIds AS recordId
MATCH (s:Subject)-[:HAS_RECORD]->(r:Record {id: recordId})
CALL (r) {
  OPTIONAL MATCH (x:Subject)-[b:BOUND_BY]->(r)
  RETURN collect(CASE WHEN b IS NULL THEN null ELSE {
    id: x.id, name: x.name, kind: x.kind, roles: b.roles, status: b.status, punishment: b.punishment,
    viaByRole: b.viaByRole
  } END) AS bindings
}
RETURN properties(r) AS record, {id: s.id, name: s.name, kind: s.kind} AS subject, bindings
