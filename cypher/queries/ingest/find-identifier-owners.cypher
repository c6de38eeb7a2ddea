// Finds identifiers (USCC, registration number, person ID hash) that already belong to another subject,
// so such rows are reported instead of failing the batch on a uniqueness constraint.
// Params: rows [{line, id, uscc, regNo, idHash}]. Returns: line, field, ownerId (one row per conflict).
UNWIND $rows AS row
CALL (row) {
  WITH row WHERE row.uscc IS NOT NULL
  MATCH (o:Organisation {uscc: row.uscc}) WHERE o.id <> row.id
  RETURN 'uscc' AS field, o.id AS ownerId
  UNION
  WITH row WHERE row.regNo IS NOT NULL
  MATCH (o:Organisation {regNo: row.regNo}) WHERE o.id <> row.id
  RETURN 'regNo' AS field, o.id AS ownerId
  UNION
  WITH row WHERE row.idHash IS NOT NULL
  MATCH (p:Person {idHash: row.idHash}) WHERE p.id <> row.id
  RETURN 'idNumber' AS field, p.id AS ownerId
}
RETURN row.line AS line, field, ownerId
