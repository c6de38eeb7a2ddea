// One page of every credit record with its subject, records with id > after in id order (keyset paging on the
// record_id index): the records of a whole-graph pass that reused its structure. A record without a subject
// (none after a validated import) comes back with a null subjectId, so a page is short only at the end.
// Params: after (string; '' for the first page), limit. Returns: id, subjectId, category, severity, status,
// actDate, decisionDate (at most limit rows, by record id).
MATCH (r:Record)
WHERE r.id > $after
WITH r ORDER BY r.id ASC LIMIT toInteger($limit)
OPTIONAL MATCH (s:Subject)-[:HAS_RECORD]->(r)
RETURN r.id AS id, s.id AS subjectId, r.category AS category, r.severity AS severity, r.status AS status,
       r.actDate AS actDate, r.decisionDate AS decisionDate
