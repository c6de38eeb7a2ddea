// Credit records of the subjects of one page of the whole-graph scan (after < id ≤ last).
// Params: after, last. Returns: subjectId, id, category, severity, status, actDate, decisionDate.
MATCH (s:Subject)
WHERE s.id > $after AND s.id <= $last
MATCH (s)-[:HAS_RECORD]->(r:Record)
RETURN s.id AS subjectId, r.id AS id, r.category AS category, r.severity AS severity, r.status AS status,
       r.actDate AS actDate, r.decisionDate AS decisionDate
