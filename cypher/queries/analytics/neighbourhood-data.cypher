// Everything the projection needs about a set of subjects, in one round trip: their attributes (no ID
// numbers or their hashes, only the masked form), every dated relationship leaving them (whole history: the
// projection applies the as-of date itself, and role bindings need seats that have since ended) and their
// credit records. With inSetOnly, only relationships between subjects of $ids are returned (the caller passes
// the whole set); otherwise all, and the caller keeps those whose target is in its set. Relationships and
// records come as lists, not maps: the driver decodes them about twice as fast.
// Params: ids [string], inSetOnly (boolean). Returns: id, kind, name, idMasked, registeredAt, address, phone,
// email, out [[to, type, validFrom, validTo, stakePct, role, amount]], records [[id, category, severity,
// status, actDate, decisionDate]] (one row per id found).
UNWIND $ids AS sid
MATCH (x:Subject {id: sid})
WITH collect(x) AS set
UNWIND set AS s
RETURN s.id AS id, s.kind AS kind, s.name AS name, s.idMasked AS idMasked, s.registeredAt AS registeredAt,
       s.address AS address, s.phone AS phone, s.email AS email,
       COLLECT {
         MATCH (s)-[r:LEGAL_REP|SHAREHOLDER|OFFICER|ACTUAL_CONTROLLER|GUARANTEE|BRANCH]->(t:Subject)
         WHERE NOT $inSetOnly OR t IN set
         RETURN [t.id, type(r), r.validFrom, r.validTo, r.stakePct, r.role, r.amount]
       } AS out,
       COLLECT {
         MATCH (s)-[:HAS_RECORD]->(rec:Record)
         RETURN [rec.id, rec.category, rec.severity, rec.status, rec.actDate, rec.decisionDate]
       } AS records
