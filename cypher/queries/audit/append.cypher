// Stores chained entries and moves the head to the last one. Params: entries (maps with every AuditEntry
// field, ascending seq), seq and hash of the last entry.
UNWIND $entries AS e
CREATE (a:AuditEntry)
SET a = e
WITH count(a) AS stored
MATCH (h:AuditHead {id: 'head'})
SET h.seq = $seq, h.hash = $hash
RETURN stored
