// Keeps check-before-handling answers: who asked, about whom, for which scenario, and what was answered. Checks
// arriving while a write is in flight are written together by the next one (group commit).
// Params: rows [{id, props}]. Returns: n.
UNWIND $rows AS row
CREATE (c:CheckLog {id: row.id})
SET c += row.props, c.at = datetime()
RETURN count(c) AS n
