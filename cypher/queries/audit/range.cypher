// Entries after a seq in ascending order, for verification page by page. Params: after, limit.
MATCH (e:AuditEntry)
WHERE e.seq > $after
RETURN e {.*} AS entry
ORDER BY e.seq
LIMIT toInteger($limit)
