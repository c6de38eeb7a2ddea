// Changes what is given (null keeps the stored value). Params: id, role, org, setOrg (bool), disabled, passwordHash.
MATCH (a:Account {id: $id})
SET a.role = coalesce($role, a.role),
    a.org = CASE WHEN $setOrg THEN $org ELSE a.org END,
    a.disabled = coalesce($disabled, a.disabled),
    a.passwordHash = coalesce($passwordHash, a.passwordHash)
RETURN a.id AS id, a.username AS username, a.role AS role, a.org AS org, a.disabled AS disabled,
       a.createdAt AS createdAt, a.passwordHash AS passwordHash
