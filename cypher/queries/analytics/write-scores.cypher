// Writes risk scores and their factor breakdown back to subjects. The score being replaced is kept as
// riskPrevious ("asOf|score|class|configVersion"; the score-transition alerts compare with it), and the first write
// of a day also puts the replaced score, the last of an earlier day, at the head of a capped history list (newest
// first): one entry per day, however often the pipeline rescored that day. A subject whose stored fingerprint
// equals the row's hash is left alone (no write).
// Params: rows [{id, score, riskClass, own, exposure, structural, positive, signals [string],
// exposureVia (id or null), hash}], asOf, configVersion, historyLength. Returns: written (count).
UNWIND $rows AS row
MATCH (s:Subject {id: row.id})
WHERE s.riskHash IS NULL OR s.riskHash <> row.hash
WITH s, row,
     CASE WHEN s.riskScore IS NULL THEN null
          ELSE coalesce(s.riskAsOf, '') + '|' + toString(s.riskScore) + '|' + coalesce(s.riskClass, '') + '|' +
               coalesce(s.riskConfigVersion, '') END AS replaced,
     s.riskScore IS NOT NULL AND coalesce(s.riskAsOf, '') <> $asOf AS newDay
CALL (s, replaced, newDay) {
  WITH s, replaced WHERE newDay
  SET s.riskHistory = ([replaced] + coalesce(s.riskHistory, []))[0..toInteger($historyLength)]
}
SET s.riskPrevious = replaced,
    s.riskScore = row.score,
    s.riskClass = row.riskClass,
    s.riskOwn = row.own,
    s.riskExposure = row.exposure,
    s.riskStructural = row.structural,
    s.riskPositive = row.positive,
    s.riskSignals = row.signals,
    s.riskExposureVia = row.exposureVia,
    s.riskHash = row.hash,
    s.riskAsOf = $asOf,
    s.riskConfigVersion = $configVersion,
    s.riskScoredAt = datetime()
RETURN count(*) AS written
