// Reads the chain head under a write lock (SET on the one head node), so concurrent appenders — in this process
// or another — chain one after the other instead of forking. Params: genesis. Returns: seq, hash.
MERGE (h:AuditHead {id: 'head'})
ON CREATE SET h.seq = 0, h.hash = $genesis
SET h.lockedAt = timestamp()
RETURN h.seq AS seq, h.hash AS hash
