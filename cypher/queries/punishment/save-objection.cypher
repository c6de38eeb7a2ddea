// Creates or updates an objection and ties it to its record.
// Params: id, recordId, props. Returns: id.
MERGE (o:Objection {id: $id})
SET o += $props, o.recordId = $recordId
WITH o
MATCH (r:Record {id: $recordId})
MERGE (o)-[:ABOUT]->(r)
RETURN o.id AS id
