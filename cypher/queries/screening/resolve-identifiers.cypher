// Screening, step 1: subjects holding the exact identifiers of many rows at once — the normalised USCC or old
// registration number of an organisation, or the keyed hash of a person's resident ID number (the clear
// number is never sent). Persons appear with the masked number only.
// Params: rows [{i, code (or null), idHash (or null)}].
// Returns: i, id, kind, name, uscc, regNo, idMasked, region (one row per row and subject found).
UNWIND $rows AS row
CALL (row) {
  MATCH (s:Organisation {uscc: row.code})
  RETURN s
  UNION
  MATCH (s:Organisation {regNo: row.code})
  RETURN s
  UNION
  MATCH (s:Person {idHash: row.idHash})
  RETURN s
}
RETURN row.i AS i, s.id AS id, s.kind AS kind, s.name AS name, s.uscc AS uscc, s.regNo AS regNo,
       s.idMasked AS idMasked, s.region AS region
