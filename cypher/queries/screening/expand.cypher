// Screening, one hop of the related-party walks: the relationships in force on asOf of many frontier subjects
// at once, each with the subject beyond it. Capped per subject so that a professional nominee's hundreds of
// seats cannot flood one round (the walk reports itself truncated). With $withFacts each relationship also
// carries who the subject beyond is and parts/adverse-facts about it: one round trip per hop, what a single
// screening wants. Without, only the structure travels, and the facts of the subjects the walks enter are read
// once each (screening/reached-facts): in a large batch most relationships lead nowhere new, and their facts
// were most of the work.
// Params: ids [string], asOf, perSubject, withFacts (boolean), blacklistCategories [string],
// negativeCategories [string], seriousSeverity.
// Returns: id (frontier subject), adjacent [[other, type, out (the relationship points from id to other), role,
// stakePct, kind, name, idMasked, riskClass, measureCodes, blacklists, seriousRecords]] (the last seven null
// without $withFacts): one row per frontier subject, its relationships as short lists (a batch reads ~650,000
// of them, and a row each cost the driver more than the values did).
UNWIND $ids AS sid
MATCH (s:Subject {id: sid})
CALL (s) {
  MATCH (s)-[r:LEGAL_REP|SHAREHOLDER|OFFICER|ACTUAL_CONTROLLER|GUARANTEE|BRANCH]-(t:Subject)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)
  RETURN t, r
  ORDER BY t.id
  LIMIT toInteger($perSubject)
}
OPTIONAL CALL (t) {
  WITH t WHERE $withFacts
  RETURN t.kind AS kind, t.name AS name, t.idMasked AS idMasked, t.riskClass AS riskClass,
{{include parts/adverse-facts}}
}
RETURN s.id AS id,
       collect([t.id, type(r), startNode(r) = s, r.role, r.stakePct, kind, name, idMasked, riskClass,
                measureCodes, blacklists, seriousRecords]) AS adjacent
