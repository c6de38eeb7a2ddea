// Creates or updates credit records on resolved subjects. A status set by the objection or repair
// workflow is kept when the source row still says "active". Every new or changed record leaves an outbox
// marker (id = record id + content hash) in the same transaction, for the propagation pipeline; an
// unchanged re-import leaves none.
// Params: rows [{line, id, subjectId, rowHash, version, props}]. Returns: line, outcome.
UNWIND $rows AS row
MATCH (s:Subject {id: row.subjectId})
MERGE (r:Record {id: row.id})
WITH s, r, row,
     r.rowHash IS NULL AS created,
     coalesce(r.rowHash = row.rowHash, false) AS same,
     (row.version IS NOT NULL AND r.version IS NOT NULL AND r.version > row.version) AS stale
CALL (s, r, row, same, stale) {
  WITH s, r, row WHERE NOT same AND NOT stale
  WITH s, r, row, r.status AS storedStatus
  SET r += row.props, r.rowHash = row.rowHash, r.version = row.version, r.subjectId = s.id, r.updatedAt = datetime()
  // An objection or repair decided here outranks a source that still says "active": the source may
  // change anything else, or end the record (expired, revoked), but not silently undo the decision.
  SET r.status = CASE
    WHEN storedStatus IN ['under_objection', 'repaired'] AND row.props.status = 'active' THEN storedStatus
    ELSE row.props.status
  END
  WITH s, r, row
  CALL (s, r) {
    OPTIONAL MATCH (other:Subject)-[old:HAS_RECORD]->(r) WHERE other <> s
    DELETE old
  }
  MERGE (s)-[:HAS_RECORD]->(r)
  MERGE (o:Outbox {id: 'record:' + row.id + ':' + row.rowHash})
  ON CREATE SET o.kind = 'record', o.recordId = row.id, o.state = 'pending', o.createdAt = datetime()
}
RETURN row.line AS line,
       CASE WHEN created THEN 'created' WHEN same THEN 'unchanged' WHEN stale THEN 'stale' ELSE 'updated' END AS outcome
