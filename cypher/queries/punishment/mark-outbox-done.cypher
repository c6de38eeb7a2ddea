// Marks the outbox markers a propagation has handled as done, in the propagation's own transaction.
// Only the markers it read are marked: one written by a later import stays pending for its own job.
// Params: ids [string]. Returns: n (markers marked).
UNWIND $ids AS id
MATCH (o:Outbox {id: id})
WHERE o.state = 'pending'
SET o.state = 'done', o.doneAt = datetime()
RETURN count(o) AS n
