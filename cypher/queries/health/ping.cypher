// Liveness probe for the database. Params: none. Returns: ok = 1.
RETURN 1 AS ok
