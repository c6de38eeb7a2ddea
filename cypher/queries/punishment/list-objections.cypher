// One page of the objection queue, newest first (when it was filed, then id), with its record and the record's subject.
// Status is `open` while the objection is open, else its outcome (upheld, corrected, revoked).
// Params: status [string] or null, afterFiledAt (epoch ms) and afterId (cursor, nullable), limit.
// Returns: objection (properties), status, filedAt (epoch ms), record, subject; at most limit rows.
MATCH (o:Objection)-[:ABOUT]->(r:Record)<-[:HAS_RECORD]-(s:Subject)
WITH o, r, s, CASE WHEN o.state = 'resolved' THEN o.outcome ELSE 'open' END AS status
WHERE $status IS NULL OR status IN $status
CALL (o, r) {
  OPTIONAL MATCH (r)-[:HAS_EVENT]->(e:RecordEvent {objectionId: o.id, action: 'objection_opened'})
  WITH min(e.recordedAt) AS recordedAt
  RETURN coalesce(recordedAt, datetime(o.openedAt)).epochMillis AS filedAt
}
WITH o, r, s, status, filedAt
WHERE $afterFiledAt IS NULL OR filedAt < $afterFiledAt OR (filedAt = $afterFiledAt AND o.id > $afterId)
RETURN properties(o) AS objection, status, filedAt,
       r {.id, .category, .severity, .status, .actDate, .decisionDate, .authority, .title} AS record,
       s {.id, .kind, .name, .idMasked} AS subject
ORDER BY filedAt DESC, o.id ASC
LIMIT toInteger($limit)
