// Stored risk classes (written by the rescoring job) counted per class: of every subject, or, when `portfolio`
// is true, of the subjects a portfolio-scoped organisation looks after (its watchlists and unexpired
// authorisations, as access/portfolio-seeds.cypher).
// Params: portfolio (boolean), org (string or null), accountId, today (YYYY-MM-DD). Returns: riskClass, n.
CALL () {
  MATCH (s:Subject)
  WHERE NOT $portfolio AND s.riskClass IS NOT NULL
  RETURN s
  UNION
  MATCH (w:Watchlist)-[:WATCHES]->(s:Subject)
  WHERE $portfolio AND s.riskClass IS NOT NULL
    AND (($org IS NOT NULL AND w.org = $org) OR ($org IS NULL AND w.ownerAccount = $accountId))
  RETURN s
  UNION
  MATCH (a:Authorisation)-[:FOR]->(s:Subject)
  WHERE $portfolio AND s.riskClass IS NOT NULL AND $org IS NOT NULL AND a.org = $org
    AND (a.validTo IS NULL OR a.validTo > $today)
  RETURN s
}
RETURN s.riskClass AS riskClass, count(*) AS n
