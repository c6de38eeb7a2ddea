// Params: id. Revoked keys stay stored so the audit log's actor ids keep resolving.
MATCH (k:ApiKey {id: $id})
SET k.revoked = true
RETURN k.id AS id, k.accountId AS accountId, k.label AS label, k.createdAt AS createdAt, k.revoked AS revoked
