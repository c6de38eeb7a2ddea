// Writes risk scores and their factor breakdown back to subjects. The score being replaced is kept at the
// head of a capped history list ("asOf|score|class|configVersion", newest first). A subject whose stored
// fingerprint equals the row's hash is left alone (no write, no history entry).
// Params: rows [{id, score, riskClass, own, exposure, structural, positive, signals [string],
// exposureVia (id or null), hash}], asOf, configVersion, historyLength. Returns: written (count).
UNWIND $rows AS row
MATCH (s:Subject {id: row.id})
WHERE s.riskHash IS NULL OR s.riskHash <> row.hash
WITH s, row,
     CASE WHEN s.riskScore IS NULL THEN []
          ELSE [coalesce(s.riskAsOf, '') + '|' + toString(s.riskScore) + '|' + coalesce(s.riskClass, '') + '|' +
                coalesce(s.riskConfigVersion, '')] END AS previous
SET s.riskHistory = (previous + coalesce(s.riskHistory, []))[0..toInteger($historyLength)],
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
