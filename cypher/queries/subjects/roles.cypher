// A subject's relationships in both directions (roles it holds and roles held in it), current and past, with
// the other party's identity (persons masked). Capped at `limit` rows, oldest first within each type.
// Params: id, limit. Returns: direction ('out'|'in'), type, otherId, otherKind, otherName, otherIdMasked,
// validFrom, validTo, stakePct, subscribedAmount, role, amount, currency, source.
MATCH (s:Subject {id: $id})-[r]-(o:Subject)
WHERE type(r) IN ['LEGAL_REP', 'SHAREHOLDER', 'OFFICER', 'ACTUAL_CONTROLLER', 'GUARANTEE', 'BRANCH']
RETURN CASE WHEN startNode(r) = s THEN 'out' ELSE 'in' END AS direction, type(r) AS type,
       o.id AS otherId, o.kind AS otherKind, o.name AS otherName, o.idMasked AS otherIdMasked,
       toString(r.validFrom) AS validFrom, toString(r.validTo) AS validTo, r.stakePct AS stakePct,
       r.subscribedAmount AS subscribedAmount, r.role AS role, r.amount AS amount, r.currency AS currency,
       r.source AS source
ORDER BY type, validFrom, otherId
LIMIT toInteger($limit)
