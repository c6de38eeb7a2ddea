// Stored risk score, class and the latest replaced score of subjects (analytics/write-scores.cypher keeps the
// replaced ones at the head of riskHistory as "asOf|score|class|configVersion").
// Params: ids [string]. Returns: id, name, kind, score, riskClass, asOf, previous (string or null).
UNWIND $ids AS id
MATCH (s:Subject {id: id})
WHERE s.riskScore IS NOT NULL
RETURN s.id AS id, s.name AS name, s.kind AS kind, s.riskScore AS score, s.riskClass AS riskClass,
       s.riskAsOf AS asOf, head(coalesce(s.riskHistory, [])) AS previous
