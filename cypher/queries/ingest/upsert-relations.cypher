// Creates or updates dated relationships between resolved subjects. The relationship type cannot be a
// parameter in Cypher, so each type has its own conditional MERGE.
// Params: rows [{line, type, fromId, toId, key, rowHash, props}]. Returns: line, outcome.
UNWIND $rows AS row
MATCH (a:Subject {id: row.fromId})
MATCH (b:Subject {id: row.toId})
OPTIONAL MATCH (a)-[old {key: row.key}]->(b)
WITH a, b, row, old IS NULL AS created, coalesce(old.rowHash = row.rowHash, false) AS same
CALL (a, b, row, same) {
  WITH a, b, row WHERE NOT same
  FOREACH (_ IN CASE row.type WHEN 'LEGAL_REP' THEN [1] ELSE [] END |
    MERGE (a)-[r:LEGAL_REP {key: row.key}]->(b) SET r += row.props, r.rowHash = row.rowHash)
  FOREACH (_ IN CASE row.type WHEN 'SHAREHOLDER' THEN [1] ELSE [] END |
    MERGE (a)-[r:SHAREHOLDER {key: row.key}]->(b) SET r += row.props, r.rowHash = row.rowHash)
  FOREACH (_ IN CASE row.type WHEN 'OFFICER' THEN [1] ELSE [] END |
    MERGE (a)-[r:OFFICER {key: row.key}]->(b) SET r += row.props, r.rowHash = row.rowHash)
  FOREACH (_ IN CASE row.type WHEN 'ACTUAL_CONTROLLER' THEN [1] ELSE [] END |
    MERGE (a)-[r:ACTUAL_CONTROLLER {key: row.key}]->(b) SET r += row.props, r.rowHash = row.rowHash)
  FOREACH (_ IN CASE row.type WHEN 'GUARANTEE' THEN [1] ELSE [] END |
    MERGE (a)-[r:GUARANTEE {key: row.key}]->(b) SET r += row.props, r.rowHash = row.rowHash)
  FOREACH (_ IN CASE row.type WHEN 'BRANCH' THEN [1] ELSE [] END |
    MERGE (a)-[r:BRANCH {key: row.key}]->(b) SET r += row.props, r.rowHash = row.rowHash)
}
RETURN row.line AS line, CASE WHEN created THEN 'created' WHEN same THEN 'unchanged' ELSE 'updated' END AS outcome
