// Appends chained entries in one round trip when the appender knows the head (it wrote it last): takes the head's
// write lock and, only if the head is still at expectedSeq / expectedHash, stores the entries and the check logs
// that go with them (server/audit/audit-log.ts) and moves the head to the last entry. Returns no row, and stores
// nothing, when another appender (another process) moved the head since: the caller then reads it under the lock
// (lock-head.cypher), chains again and uses append.cypher.
// Params: entries (maps with every AuditEntry field, ascending seq), checkLogs [{id, props}], expectedSeq,
// expectedHash, seq and hash of the last entry. Returns: stored.
MATCH (h:AuditHead {id: 'head'})
SET h.lockedAt = timestamp()
WITH h
WHERE h.seq = $expectedSeq AND h.hash = $expectedHash
CALL (h) {
  UNWIND $entries AS e
  CREATE (a:AuditEntry)
  SET a = e
  RETURN count(a) AS stored
}
CALL (h) {
  UNWIND $checkLogs AS row
  CREATE (c:CheckLog {id: row.id})
  SET c += row.props, c.at = datetime()
  RETURN count(c) AS logged
}
SET h.seq = $seq, h.hash = $hash
RETURN stored
