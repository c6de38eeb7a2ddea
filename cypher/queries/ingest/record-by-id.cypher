// One credit record with its subject and the outbox markers it left. Params: id. Returns: props, subjectId, outbox.
MATCH (s:Subject)-[:HAS_RECORD]->(r:Record {id: $id})
OPTIONAL MATCH (o:Outbox {recordId: $id})
RETURN properties(r) AS props, s.id AS subjectId, collect(o.id) AS outbox
