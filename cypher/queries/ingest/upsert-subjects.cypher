// Creates or updates subjects. An unchanged row (same content hash) writes nothing; a row with a lower
// version than the stored one is stale and ignored. Absent fields arrive as null and clear the property.
// `label` is 'Person' or 'Organisation' (a dynamic label, Neo4j 5.26+).
// Params: rows [{line, id, label, rowHash, version, props}]. Returns: line, outcome.
UNWIND $rows AS row
MERGE (s:Subject {id: row.id})
WITH s, row,
     s.rowHash IS NULL AS created,
     coalesce(s.rowHash = row.rowHash, false) AS same,
     (row.version IS NOT NULL AND s.version IS NOT NULL AND s.version > row.version) AS stale
CALL (s, row, same, stale) {
  WITH s, row WHERE NOT same AND NOT stale
  SET s += row.props, s:$(row.label), s.rowHash = row.rowHash, s.version = row.version, s.updatedAt = datetime()
}
RETURN row.line AS line,
       CASE WHEN created THEN 'created' WHEN same THEN 'unchanged' WHEN stale THEN 'stale' ELSE 'updated' END AS outcome
