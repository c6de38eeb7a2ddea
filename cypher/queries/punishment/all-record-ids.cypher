// Ids of every record whose outbox still has a pending marker (the propagation backlog), in id order.
// Params: none. Returns: id.
MATCH (o:Outbox {state: 'pending'})
WHERE o.kind = 'record'
RETURN DISTINCT o.recordId AS id
ORDER BY id
