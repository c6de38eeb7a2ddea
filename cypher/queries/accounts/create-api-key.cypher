// An API key for a system account; only the SHA-256 of its secret is stored.
// Params: id, accountId, label, secretHash, createdAt.
MATCH (a:Account {id: $accountId})
CREATE (k:ApiKey {id: $id, accountId: $accountId, label: $label, secretHash: $secretHash,
                  createdAt: $createdAt, revoked: false})
CREATE (a)-[:HAS_KEY]->(k)
RETURN k.id AS id, k.accountId AS accountId, k.label AS label, k.createdAt AS createdAt, k.revoked AS revoked
