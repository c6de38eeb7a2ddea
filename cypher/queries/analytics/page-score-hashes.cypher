// One page of stored score fingerprints, subjects with id > after in id order (keyset paging on the subject_id
// index): a whole-graph pass that reused its structure reads only these and the records.
// Params: after (string; '' for the first page), limit. Returns: id, riskHash (at most limit rows, by id).
MATCH (s:Subject)
WHERE s.id > $after
WITH s ORDER BY s.id ASC LIMIT toInteger($limit)
RETURN s.id AS id, s.riskHash AS riskHash
