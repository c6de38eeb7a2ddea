// Everything the projection needs about a set of subjects, in one round trip: their attributes (no ID
// numbers or their hashes, only the masked form), every dated relationship leaving them (whole history: the
// projection applies the as-of date itself, and role bindings need seats that have since ended; the caller
// keeps those whose target is in its set) and their credit records.
// Params: ids [string]. Returns: id, kind, name, idMasked, registeredAt, address, phone, email,
// out [{to, type, validFrom, validTo, stakePct, role, amount}], records [{id, category, severity, status,
// actDate, decisionDate}] (one row per id found).
UNWIND $ids AS sid
MATCH (s:Subject {id: sid})
RETURN s.id AS id, s.kind AS kind, s.name AS name, s.idMasked AS idMasked, s.registeredAt AS registeredAt,
       s.address AS address, s.phone AS phone, s.email AS email,
       COLLECT {
         MATCH (s)-[r:LEGAL_REP|SHAREHOLDER|OFFICER|ACTUAL_CONTROLLER|GUARANTEE|BRANCH]->(t:Subject)
         RETURN {to: t.id, type: type(r), validFrom: r.validFrom, validTo: r.validTo, stakePct: r.stakePct,
                 role: r.role, amount: r.amount}
       } AS out,
       COLLECT {
         MATCH (s)-[:HAS_RECORD]->(rec:Record)
         RETURN {id: rec.id, category: rec.category, severity: rec.severity, status: rec.status,
                 actDate: rec.actDate, decisionDate: rec.decisionDate}
       } AS records
