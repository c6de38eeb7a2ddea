// Stores chained entries and the check logs that go with them (server/audit/audit-log.ts), and moves the head to
// the last entry; run after lock-head.cypher in the same transaction. Params: entries (maps with every
// AuditEntry field, ascending seq), checkLogs [{id, props}], seq and hash of the last entry. Returns: stored.
CALL () {
  UNWIND $entries AS e
  CREATE (a:AuditEntry)
  SET a = e
  RETURN count(a) AS stored
}
CALL () {
  UNWIND $checkLogs AS row
  CREATE (c:CheckLog {id: row.id})
  SET c += row.props, c.at = datetime()
  RETURN count(c) AS logged
}
MATCH (h:AuditHead {id: 'head'})
SET h.seq = $seq, h.hash = $hash
RETURN stored
