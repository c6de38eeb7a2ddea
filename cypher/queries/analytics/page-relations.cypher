// Relationships leaving the subjects of one page of the whole-graph scan (after < id ≤ last), whole history.
// Params: after, last (subject ids bounding the page). Returns: from, to, type, validFrom, validTo, stakePct,
// role, amount.
MATCH (s:Subject)
WHERE s.id > $after AND s.id <= $last
MATCH (s)-[r:LEGAL_REP|SHAREHOLDER|OFFICER|ACTUAL_CONTROLLER|GUARANTEE|BRANCH]->(t:Subject)
RETURN s.id AS from, t.id AS to, type(r) AS type, r.validFrom AS validFrom, r.validTo AS validTo,
       r.stakePct AS stakePct, r.role AS role, r.amount AS amount
