// A subject's personal credit entries (seed 004 s.15): records of the companies it answers for that were also
// entered in its own credit record (bindings carrying the personal-record measure).
// Params: subjectId. Returns: binding (properties with the subject's and the record's ids and facts).
MATCH (p:Subject {id: $subjectId})-[b:BOUND_BY]->(r:Record)
WHERE b.personalEntry
RETURN b {.*, subjectId: p.id, recordId: r.id, recordSubjectId: r.subjectId, recordCategory: r.category, severity: r.severity, actDate: r.actDate} AS binding
ORDER BY r.id
