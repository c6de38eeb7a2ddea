// Params: accountId.
MATCH (:Account {id: $accountId})-[:HAS_KEY]->(k:ApiKey)
RETURN k.id AS id, k.accountId AS accountId, k.label AS label, k.createdAt AS createdAt, k.revoked AS revoked
ORDER BY k.createdAt
