// One subject's identity and its stored risk score (written by the rescoring job), for 404 checks and
// presentation. Never returns a person's ID number or its hash, only the masked form.
// Params: id. Returns: id, kind, name, idMasked, riskScore, riskClass, riskAsOf, riskConfigVersion, riskScoredAt,
// riskOwn, riskExposure, riskStructural, riskPositive, riskSignals, riskExposureVia, riskHistory (zero or one row).
MATCH (s:Subject {id: $id})
RETURN s.id AS id, s.kind AS kind, s.name AS name, s.idMasked AS idMasked,
       s.riskScore AS riskScore, s.riskClass AS riskClass, s.riskAsOf AS riskAsOf,
       s.riskConfigVersion AS riskConfigVersion, toString(s.riskScoredAt) AS riskScoredAt,
       s.riskOwn AS riskOwn, s.riskExposure AS riskExposure, s.riskStructural AS riskStructural,
       s.riskPositive AS riskPositive, s.riskSignals AS riskSignals, s.riskExposureVia AS riskExposureVia,
       s.riskHistory AS riskHistory
