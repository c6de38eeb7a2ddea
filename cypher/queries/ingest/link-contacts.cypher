// Ties subjects to shared contact points (address, phone, e-mail); for updated subjects (`replace`)
// first drops the contact points they no longer list.
// Params: rows [{id, replace, contacts: [{kind, key, value}]}]. Returns: nothing.
UNWIND $rows AS row
MATCH (s:Subject {id: row.id})
CALL (s, row) {
  WITH s, row WHERE row.replace
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
