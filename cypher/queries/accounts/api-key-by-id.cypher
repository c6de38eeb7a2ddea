// Params: id. The key with its owner, for authentication.
MATCH (a:Account)-[:HAS_KEY]->(k:ApiKey {id: $id})
RETURN k.id AS id, k.secretHash AS secretHash, k.revoked AS revoked,
       a.id AS accountId, a.username AS username, a.role AS role, a.org AS org, a.disabled AS disabled
