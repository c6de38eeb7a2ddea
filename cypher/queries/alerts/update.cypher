// Applies a workflow change when the alert is still as the caller read it (updatedAt unchanged), so two people
// working the same alert cannot overwrite each other's step. Params: id, expectedUpdatedAt, status, assignee,
// history (JSON), now. Returns: alert (properties); no row when the alert changed meanwhile or is gone.
MATCH (a:Alert {id: $id})
WHERE a.updatedAt = $expectedUpdatedAt
SET a.status = $status, a.assignee = $assignee, a.history = $history, a.updatedAt = $now
RETURN properties(a) AS alert
