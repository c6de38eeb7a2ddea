// Seats taken after the act by subjects a record's punishment binds (改头换面): a legal representative, officer,
// shareholder or actual controller seat in another organisation, starting after the record's act date and still
// held today. The record must still stand (active) and the binding be in force.
// Params: personIds [string] (alerts/bound-persons.cypher lists them all), today (YYYY-MM-DD), limit.
// Returns: person {id, name, kind}, org {id, name, kind}, type, role, stakePct, validFrom, validTo, recordId,
// recordSubject {id, name, kind}.
// The persons are looked up by id (an optional list would make the planner scan every record).
UNWIND $personIds AS personId
MATCH (p:Subject {id: personId})-[b:BOUND_BY]->(r:Record)<-[:HAS_RECORD]-(rs:Subject)
WHERE b.status = 'in_force' AND b.punishment = true AND p <> rs
  AND coalesce(r.status, 'active') = 'active'
MATCH (p)-[seat:LEGAL_REP|OFFICER|SHAREHOLDER|ACTUAL_CONTROLLER]->(o:Subject)
WHERE o <> rs
  AND seat.validFrom IS NOT NULL AND seat.validFrom > r.actDate AND seat.validFrom <= $today
  AND (seat.validTo IS NULL OR seat.validTo > $today)
RETURN {id: p.id, name: p.name, kind: p.kind} AS person,
       {id: o.id, name: o.name, kind: o.kind} AS org,
       type(seat) AS type, seat.role AS role, seat.stakePct AS stakePct,
       seat.validFrom AS validFrom, seat.validTo AS validTo,
       r.id AS recordId, {id: rs.id, name: rs.name, kind: rs.kind} AS recordSubject
ORDER BY person.id, org.id, type, recordId
LIMIT toInteger($limit)
