// Alerts raised in [fromAt, toAt) that a principal may see, counted per UTC hour and severity (the caller turns
// hours into China days, weeks or months). Visibility is the inbox's (alerts/list.cypher): an organisation's
// alerts for its accounts; alerts without one only for unrestricted roles, a personal watchlist's for its owner.
// Params: org (string or null), accountId, restricted (boolean), fromAt, toAt (ISO instants, UTC).
// Returns: hour (YYYY-MM-DDTHH, UTC), severity, n.
MATCH (a:Alert)
WHERE a.createdAt >= $fromAt AND a.createdAt < $toAt
  AND ((a.org IS NOT NULL AND a.org = $org)
       OR (NOT $restricted AND a.org IS NULL AND (a.watchlistId IS NULL OR a.ownerAccount = $accountId)))
RETURN substring(a.createdAt, 0, 13) AS hour, a.severity AS severity, count(*) AS n
