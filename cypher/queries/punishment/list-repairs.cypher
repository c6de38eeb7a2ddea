// One page of the repair queue, newest first (when it was filed, then id), with its record and the record's subject.
// Params: status [string] (repair states) or null, afterFiledAt (epoch ms) and afterId (cursor, nullable), limit.
// Returns: repair (properties), filedAt (epoch ms), record, subject; at most limit rows.
MATCH (a:RepairApplication)-[:FOR_RECORD]->(r:Record)<-[:HAS_RECORD]-(s:Subject)
WHERE $status IS NULL OR a.state IN $status
CALL (a, r) {
  OPTIONAL MATCH (r)-[:HAS_EVENT]->(e:RecordEvent {repairId: a.id})
  WITH min(e.recordedAt) AS recordedAt
  RETURN coalesce(recordedAt, datetime(a.appliedAt)).epochMillis AS filedAt
}
WITH a, r, s, filedAt
WHERE $afterFiledAt IS NULL OR filedAt < $afterFiledAt OR (filedAt = $afterFiledAt AND a.id > $afterId)
RETURN properties(a) AS repair, filedAt,
       r {.id, .category, .severity, .status, .actDate, .decisionDate, .authority, .title} AS record,
       s {.id, .kind, .name, .idMasked} AS subject
ORDER BY filedAt DESC, a.id ASC
LIMIT toInteger($limit)
