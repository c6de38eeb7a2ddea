// One page of the alerts a principal may see, newest first (createdAt, then id), with filters.
// Visibility: an alert of an organisation is seen by that organisation's accounts; an alert without one (general,
// or from a watchlist of an account without organisation) only by unrestricted roles, the latter by its owner only.
// Params: org, accountId, restricted (boolean), status [string] or null, severity [string] or null, rule, watchlistId,
// subjectId, assignee (all nullable), afterCreatedAt, afterId (cursor, nullable), limit.
// Returns: alert (properties), at most limit rows.
MATCH (a:Alert)
WHERE ((a.org IS NOT NULL AND a.org = $org)
       OR (NOT $restricted AND a.org IS NULL AND (a.watchlistId IS NULL OR a.ownerAccount = $accountId)))
  AND ($status IS NULL OR a.status IN $status)
  AND ($severity IS NULL OR a.severity IN $severity)
  AND ($rule IS NULL OR a.rule = $rule)
  AND ($watchlistId IS NULL OR a.watchlistId = $watchlistId)
  AND ($subjectId IS NULL OR $subjectId IN a.subjectIds)
  AND ($assignee IS NULL OR a.assignee = $assignee)
  AND ($afterCreatedAt IS NULL OR a.createdAt < $afterCreatedAt
       OR (a.createdAt = $afterCreatedAt AND a.id > $afterId))
RETURN properties(a) AS alert
ORDER BY a.createdAt DESC, a.id ASC
LIMIT toInteger($limit)
