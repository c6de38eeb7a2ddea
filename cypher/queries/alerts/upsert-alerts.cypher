// Raises alerts: one node per deterministic id (the hash of the dedup key), created only when new, so the same
// cause never raises a second alert; new alerts are linked to their subjects. Existing alerts are left as they
// are (their workflow state belongs to the people working them).
// Params: alerts [{id, props, subjectIds}], now (ISO timestamp). Returns: id, created (boolean).
UNWIND $alerts AS row
MERGE (a:Alert {id: row.id})
ON CREATE SET a += row.props, a.status = 'open', a.assignee = null, a.history = '[]',
              a.createdAt = $now, a.updatedAt = $now, a.justCreated = true
WITH a, row, coalesce(a.justCreated, false) AS created
REMOVE a.justCreated
WITH a, row, created
CALL (a, row, created) {
  WITH a, row WHERE created
  UNWIND row.subjectIds AS sid
  MATCH (s:Subject {id: sid})
  MERGE (a)-[:ABOUT]->(s)
}
RETURN a.id AS id, created
