// Params: username. Returns the account (with its password hash, for login only) or nothing.
MATCH (a:Account {username: $username})
RETURN a.id AS id, a.username AS username, a.role AS role, a.org AS org, a.disabled AS disabled,
       a.createdAt AS createdAt, a.passwordHash AS passwordHash
