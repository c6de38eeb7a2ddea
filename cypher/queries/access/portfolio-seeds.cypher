// The subjects a portfolio-scoped organisation (a bank) looks after: those on its watchlists and those it holds
// an authorisation for that has not lapsed. An account without an organisation has its own watchlists only.
// Params: org (string or null), accountId, today (YYYY-MM-DD). Returns: id.
CALL () {
  MATCH (w:Watchlist)-[:WATCHES]->(s:Subject)
  WHERE ($org IS NOT NULL AND w.org = $org) OR ($org IS NULL AND w.ownerAccount = $accountId)
  RETURN s.id AS id
  UNION
  MATCH (a:Authorisation)-[:FOR]->(s:Subject)
  WHERE $org IS NOT NULL AND a.org = $org AND (a.validTo IS NULL OR a.validTo > $today)
  RETURN s.id AS id
}
RETURN DISTINCT id
