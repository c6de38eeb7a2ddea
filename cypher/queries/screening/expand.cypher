// Screening, one hop of the related-party walks: the relationships in force on asOf of many frontier
// subjects at once, each with the subject beyond it and what a bank must hear about that subject — the
// punishment bindings in force on it, its active blacklist entries, how many serious negative records in force
// it has, its stored risk class — so that hits need no further round trip. Capped per subject so that a
// professional nominee's hundreds of seats cannot flood one round (the walk reports itself truncated).
// Params: ids [string], asOf, perSubject, blacklistCategories [string], negativeCategories [string],
// seriousSeverity.
// Returns: id (frontier subject), other, otherKind, otherName, otherIdMasked, otherRiskClass, type, out (the
// relationship points from id to other), role, stakePct, bindings [binding properties], blacklists [category],
// seriousRecords. Persons beyond appear with the masked ID number only.
UNWIND $ids AS sid
MATCH (s:Subject {id: sid})
CALL (s) {
  MATCH (s)-[r:LEGAL_REP|SHAREHOLDER|OFFICER|ACTUAL_CONTROLLER|GUARANTEE|BRANCH]-(t:Subject)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)
  RETURN t, r
  ORDER BY t.id
  LIMIT toInteger($perSubject)
}
RETURN s.id AS id, t.id AS other, t.kind AS otherKind, t.name AS otherName, t.idMasked AS otherIdMasked,
       t.riskClass AS otherRiskClass, type(r) AS type, startNode(r) = s AS out, r.role AS role,
       r.stakePct AS stakePct,
       COLLECT {
         MATCH (t)-[b:BOUND_BY]->(rec:Record)
         WHERE b.status = 'in_force' AND b.punishment
         RETURN b {.*, subjectId: t.id, recordId: rec.id, recordSubjectId: rec.subjectId,
                   recordCategory: rec.category, severity: rec.severity, actDate: rec.actDate}
       } AS bindings,
       COLLECT {
         MATCH (t)-[:HAS_RECORD]->(rec:Record)
         WHERE rec.status = 'active' AND rec.category IN $blacklistCategories
           AND (rec.publicationTo IS NULL OR rec.publicationTo >= $asOf)
         RETURN rec.category
       } AS blacklists,
       COUNT {
         MATCH (t)-[:HAS_RECORD]->(rec:Record)
         WHERE rec.status = 'active' AND rec.category IN $negativeCategories AND rec.severity = $seriousSeverity
           AND (rec.publicationTo IS NULL OR rec.publicationTo >= $asOf)
       } AS seriousRecords
