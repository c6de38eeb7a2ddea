// One subject's identity and stored risk score (written by the rescoring job, jobs/score/rescore.ts).
// Contact details are returned for organisations only; a person's ID number appears only masked.
// Params: id. Returns (zero or one row): id, kind, isPerson, name, uscc, regNo, identifierStatus, idMasked, region,
// registeredAt, address, phone, email, source, riskScore, riskClass, riskAsOf, riskScoredAt, riskConfigVersion.
MATCH (s:Subject {id: $id})
WITH s, s:Person AS isPerson
RETURN s.id AS id, s.kind AS kind, isPerson, s.name AS name, s.uscc AS uscc, s.regNo AS regNo,
       s.identifierStatus AS identifierStatus, s.idMasked AS idMasked, s.region AS region,
       toString(s.registeredAt) AS registeredAt,
       CASE WHEN isPerson THEN null ELSE s.address END AS address,
       CASE WHEN isPerson THEN null ELSE s.phone END AS phone,
       CASE WHEN isPerson THEN null ELSE s.email END AS email,
       s.source AS source, s.riskScore AS riskScore, s.riskClass AS riskClass, s.riskAsOf AS riskAsOf,
       toString(s.riskScoredAt) AS riskScoredAt, s.riskConfigVersion AS riskConfigVersion
