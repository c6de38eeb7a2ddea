// The chain head: the last entry's seq and hash (seq 0 before the first entry). Params: none.
OPTIONAL MATCH (h:AuditHead {id: 'head'})
RETURN coalesce(h.seq, 0) AS seq, h.hash AS hash
