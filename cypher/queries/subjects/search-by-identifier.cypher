// Subjects with an exact identifier: the normalised USCC (or old registration number) of an organisation, or
// the keyed hash of a person's resident ID number (the clear number is never stored or sent).
// Params: code (normalised USCC/registration number, or null), idHash (or null), kind (or null),
// region (prefix, or null). Returns: id, kind, name, uscc, regNo, idMasked, region, riskScore, riskClass.
CALL () {
  MATCH (s:Organisation {uscc: $code})
  RETURN s
  UNION
  MATCH (s:Organisation {regNo: $code})
  RETURN s
  UNION
  MATCH (s:Person {idHash: $idHash})
  RETURN s
}
WITH s
WHERE ($kind IS NULL OR s.kind = $kind)
  AND ($region IS NULL OR s.region STARTS WITH $region)
RETURN s.id AS id, s.kind AS kind, s.name AS name, s.uscc AS uscc, s.regNo AS regNo,
       s.idMasked AS idMasked, s.region AS region, s.riskScore AS riskScore, s.riskClass AS riskClass
ORDER BY id
