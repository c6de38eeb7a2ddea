// Ties subjects to shared contact points (address, phone, e-mail) and drops the ones they no longer list.
// Params: rows [{id, contacts: [{kind, key, value}]}]. Returns: nothing.
UNWIND $rows AS row
MATCH (s:Subject {id: row.id})
CALL (s, row) {
  OPTIONAL MATCH (s)-[old:HAS_CONTACT]->(c:Contact)
  WHERE NOT c.key IN [x IN row.contacts | x.key]
  DELETE old
}
CALL (s, row) {
  UNWIND row.contacts AS contact
  MERGE (c:Contact {key: contact.key})
  ON CREATE SET c.kind = contact.kind, c.value = contact.value
  MERGE (s)-[:HAS_CONTACT]->(c)
}
