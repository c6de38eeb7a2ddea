// A page of accounts in username order. Params: after (username or null), limit.
MATCH (a:Account)
WHERE $after IS NULL OR a.username > $after
RETURN a.id AS id, a.username AS username, a.role AS role, a.org AS org, a.disabled AS disabled,
       a.createdAt AS createdAt, a.passwordHash AS passwordHash
ORDER BY a.username
LIMIT toInteger($limit)
