// A subject's credit records, newest act first, capped at `limit` rows.
// Params: id, limit. Returns: id, category, severity, authority, actDate, decisionDate, legalBasis, title,
// publicationFrom, publicationTo, status.
MATCH (:Subject {id: $id})-[:HAS_RECORD]->(r:Record)
RETURN r.id AS id, r.category AS category, r.severity AS severity, r.authority AS authority,
       toString(r.actDate) AS actDate, toString(r.decisionDate) AS decisionDate, r.legalBasis AS legalBasis,
       r.title AS title, toString(r.publicationFrom) AS publicationFrom, toString(r.publicationTo) AS publicationTo,
       r.status AS status
ORDER BY actDate DESC, id
LIMIT toInteger($limit)
