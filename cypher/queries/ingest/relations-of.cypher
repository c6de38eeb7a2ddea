// Relationships leaving a subject, with their properties. Params: id. Returns: type, to, props.
MATCH (s:Subject {id: $id})-[r]->(t:Subject)
RETURN type(r) AS type, t.id AS to, properties(r) AS props
ORDER BY type, to
