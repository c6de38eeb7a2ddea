// Creates or updates a repair application and ties it to its record.
// Params: id, recordId, props. Returns: id.
MERGE (a:RepairApplication {id: $id})
SET a += $props, a.recordId = $recordId
WITH a
MATCH (r:Record {id: $recordId})
MERGE (a)-[:FOR_RECORD]->(r)
RETURN a.id AS id
