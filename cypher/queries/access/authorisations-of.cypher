// A page of an organisation's authorisations in subject order. Params: org, after (subjectId or null), limit.
MATCH (a:Authorisation {org: $org})
WHERE $after IS NULL OR a.subjectId > $after
RETURN a.id AS id, a.org AS org, a.subjectId AS subjectId, a.basis AS basis, a.validTo AS validTo,
       a.grantedBy AS grantedBy, a.grantedAt AS grantedAt
ORDER BY a.subjectId
LIMIT toInteger($limit)
