// Params: id.
MATCH (a:Account {id: $id})
RETURN a.id AS id, a.username AS username, a.role AS role, a.org AS org, a.disabled AS disabled,
       a.createdAt AS createdAt, a.passwordHash AS passwordHash
