// Stored risk score, class and the score the last write replaced (analytics/write-scores.cypher keeps it as
// riskPrevious, "asOf|score|class|configVersion"; scores written before it existed have it at the head of
// riskHistory).
// Params: ids [string]. Returns: id, name, kind, score, riskClass, asOf, previous (string or null).
UNWIND $ids AS id
MATCH (s:Subject {id: id})
WHERE s.riskScore IS NOT NULL
RETURN s.id AS id, s.name AS name, s.kind AS kind, s.riskScore AS score, s.riskClass AS riskClass,
       s.riskAsOf AS asOf, coalesce(s.riskPrevious, head(coalesce(s.riskHistory, []))) AS previous
