// A page of the audit log, newest first, with optional filters (null = any).
// Params: before (seq or null), actor, subject, outcome, route, from, to (ISO timestamps), limit.
MATCH (e:AuditEntry)
WHERE ($before IS NULL OR e.seq < $before)
  AND ($actor IS NULL OR e.actor = $actor OR e.username = $actor)
  AND ($subject IS NULL OR $subject IN e.subjects)
  AND ($outcome IS NULL OR e.outcome = $outcome)
  AND ($route IS NULL OR e.route STARTS WITH $route)
  AND ($from IS NULL OR e.at >= $from)
  AND ($to IS NULL OR e.at < $to)
RETURN e {.*} AS entry
ORDER BY e.seq DESC
LIMIT toInteger($limit)
