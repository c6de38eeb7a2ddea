// Screening, one hop of the related-party walks: the relationships in force on asOf of many frontier
// subjects at once, each with the subject beyond it and what a bank must hear about that subject — the
// punishment measures in force on it, its active blacklist entries, how many serious negative records in force
// it has, its stored risk class — so that hits need no further round trip. Only the measure codes travel, not
// the bindings (inclusion k of a binding is described by its k-th list entries; a one-element list stands for
// all, as jobs/propagate/store.ts writes them): a hit names the measures, and the bindings of the ~70 subjects
// a two-hop walk reaches were most of what a screening read and decoded. Capped per subject so that a
// professional nominee's hundreds of seats cannot flood one round (the walk reports itself truncated).
// Params: ids [string], asOf, perSubject, blacklistCategories [string], negativeCategories [string],
// seriousSeverity.
// Returns: id (frontier subject), other, otherKind, otherName, otherIdMasked, otherRiskClass, type, out (the
// relationship points from id to other), role, stakePct, measureCodes [code], blacklists [category],
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
         MATCH (t)-[b:BOUND_BY]->(:Record)
         WHERE b.status = 'in_force' AND b.punishment
         UNWIND range(0, size(b.measureCodes) - 1) AS k
         WITH b, k
         WHERE coalesce(b.statuses[k], b.statuses[0]) = 'in_force'
           AND coalesce(b.polarities[k], b.polarities[0]) = 'punishment'
         RETURN DISTINCT b.measureCodes[k]
       } AS measureCodes,
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
