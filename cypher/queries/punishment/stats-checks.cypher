// Checks made in [from, to) per scenario ('all' for a full profile).
// Params: from, to (YYYY-MM-DD). Returns: scenario, n.
MATCH (c:CheckLog)
WHERE c.day >= $from AND c.day < $to
RETURN c.scenario AS scenario, count(*) AS n
ORDER BY scenario
