// One subject's stored properties, its labels and its contact keys. Params: id. Returns: props, labels, contacts.
MATCH (s:Subject {id: $id})
OPTIONAL MATCH (s)-[:HAS_CONTACT]->(c:Contact)
RETURN properties(s) AS props, labels(s) AS labels, collect(c.key) AS contacts
