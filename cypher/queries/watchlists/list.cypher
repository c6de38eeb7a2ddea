// The watchlists a principal may see (its organisation's, or its own when it has no organisation), with their
// sizes. Params: org, accountId. Returns: watchlist (properties), size.
MATCH (w:Watchlist)
WHERE (w.org IS NOT NULL AND w.org = $org) OR (w.org IS NULL AND w.ownerAccount = $accountId)
CALL (w) {
  OPTIONAL MATCH (w)-[x:WATCHES]->(:Subject)
  RETURN count(x) AS size
}
RETURN properties(w) AS watchlist, size
ORDER BY w.createdAt, w.id
