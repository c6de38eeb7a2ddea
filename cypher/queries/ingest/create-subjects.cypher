// Fast path for subjects that do not exist yet (checked in the same transaction; the uniqueness
// constraints still guard against a concurrent writer). `label` is 'Person' or 'Organisation'.
// Params: rows [{line, id, label, rowHash, version, props, contacts: [{kind, key, value}]}]. Returns: line.
UNWIND $rows AS row
CREATE (s:Subject:$(row.label))
SET s = row.props, s.rowHash = row.rowHash, s.version = row.version, s.updatedAt = datetime()
WITH s, row
CALL (s, row) {
  UNWIND row.contacts AS contact
  MERGE (c:Contact {key: contact.key})
  ON CREATE SET c.kind = contact.kind, c.value = contact.value
  CREATE (s)-[:HAS_CONTACT]->(c)
}
RETURN row.line AS line
