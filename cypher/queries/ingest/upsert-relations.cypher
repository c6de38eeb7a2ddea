// Creates or updates dated relationships between resolved subjects (the type is a dynamic relationship
// type, Neo4j 5.26+; the caller only sends types from the domain's RELATION_KINDS).
// Params: rows [{line, type, fromId, toId, key, rowHash, props}]. Returns: line, outcome.
UNWIND $rows AS row
MATCH (a:Subject {id: row.fromId})
MATCH (b:Subject {id: row.toId})
OPTIONAL MATCH (a)-[old {key: row.key}]->(b)
WITH a, b, row, old IS NULL AS created, coalesce(old.rowHash = row.rowHash, false) AS same
CALL (a, b, row, same) {
  WITH a, b, row WHERE NOT same
  MERGE (a)-[r:$(row.type) {key: row.key}]->(b)
  SET r += row.props, r.rowHash = row.rowHash
}
RETURN row.line AS line, CASE WHEN created THEN 'created' WHEN same THEN 'unchanged' ELSE 'updated' END AS outcome
