// Records (or renews) an organisation's authorisation to look at a subject, e.g. a borrower's signed consent
// to a credit enquiry. Params: id, org, subjectId, basis, validTo (or null), grantedBy, grantedAt.
// Returns nothing when the subject does not exist.
MATCH (s:Subject {id: $subjectId})
MERGE (a:Authorisation {id: $id})
ON CREATE SET a.grantedAt = $grantedAt
SET a.org = $org, a.subjectId = $subjectId, a.basis = $basis, a.validTo = $validTo, a.grantedBy = $grantedBy
MERGE (a)-[:FOR]->(s)
RETURN a.id AS id, a.org AS org, a.subjectId AS subjectId, a.basis AS basis, a.validTo AS validTo,
       a.grantedBy AS grantedBy, a.grantedAt AS grantedAt
