// A spread sample of organisations with their names and USCCs, for benchmarks that send realistic look-ups.
// Params: every (take one in `every`), limit. Returns: id, name, uscc.
MATCH (o:Organisation)
WHERE o.uscc IS NOT NULL AND o.name IS NOT NULL
WITH o, toInteger(rand() * $every) AS r
WHERE r = 0
RETURN o.id AS id, o.name AS name, o.uscc AS uscc
LIMIT toInteger($limit)
