// The oldest pending record markers of the outbox, for the propagation queue.
// Params: limit. Returns: id, recordId.
MATCH (o:Outbox {state: 'pending'})
WHERE o.kind = 'record'
RETURN o.id AS id, o.recordId AS recordId
ORDER BY o.createdAt, o.id
LIMIT toInteger($limit)
