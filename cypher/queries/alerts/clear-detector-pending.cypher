// After the sweep raised their alerts: the findings are no longer pending.
// Params: keys [string], now (ISO timestamp). Returns: key.
UNWIND $keys AS k
MATCH (f:DetectorFinding {key: k})
SET f.pending = null, f.alertedAt = $now
RETURN f.key AS key
