// Keeps check-before-handling answers: who asked, about whom, for which scenario, and what was answered. Run in
// the transaction of the checks' audit entries (server/audit/audit-log.ts, companions), so both or neither.
// Params: rows [{id, props}]. Returns: n.
UNWIND $rows AS row
CREATE (c:CheckLog {id: row.id})
SET c += row.props, c.at = datetime()
RETURN count(c) AS n
