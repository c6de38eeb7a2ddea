// Fast path for relationships between subjects created by this same import, whose keys the import has
// not written before: nothing can exist between them yet, so CREATE instead of MERGE.
// Params: rows [{line, type, fromId, toId, key, rowHash, props}]. Returns: line.
UNWIND $rows AS row
MATCH (a:Subject {id: row.fromId})
MATCH (b:Subject {id: row.toId})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props, r.key = row.key, r.rowHash = row.rowHash
RETURN row.line AS line
