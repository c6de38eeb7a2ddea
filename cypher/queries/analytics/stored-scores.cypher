// The stored risk factors of a set of subjects, for incremental rescoring (analytics/risk/rescore-from-sources.ts).
// Params: ids [string]. Returns: id, own, exposure, structural, positive, signals, exposureVia, configVersion
// (null factors when the subject was never scored).
UNWIND $ids AS sid
MATCH (s:Subject {id: sid})
RETURN s.id AS id, s.riskOwn AS own, s.riskExposure AS exposure, s.riskStructural AS structural,
       s.riskPositive AS positive, coalesce(s.riskSignals, []) AS signals, s.riskExposureVia AS exposureVia,
       s.riskConfigVersion AS configVersion
