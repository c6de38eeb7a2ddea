// Creates an account; the username constraint (account_username) rejects a duplicate.
// Params: id, username, role, org (string or null), passwordHash, createdAt (ISO timestamp).
CREATE (a:Account {id: $id, username: $username, role: $role, org: $org, passwordHash: $passwordHash,
                   disabled: false, createdAt: $createdAt})
RETURN a.id AS id, a.username AS username, a.role AS role, a.org AS org, a.disabled AS disabled,
       a.createdAt AS createdAt, a.passwordHash AS passwordHash
