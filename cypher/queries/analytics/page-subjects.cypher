// One page of the whole-graph scan: subjects with id > after, in id order (keyset paging on the subject_id
// unique index, so every page is an index range seek). Also returns the stored score hash so the rescoring job
// writes back only what changed.
// Params: after (string; '' for the first page), limit. Returns: id, kind, name, registeredAt, address, phone,
// email, riskHash (at most limit rows, ordered by id).
MATCH (s:Subject)
WHERE s.id > $after
WITH s ORDER BY s.id ASC LIMIT toInteger($limit)
RETURN s.id AS id, s.kind AS kind, s.name AS name, s.registeredAt AS registeredAt,
       s.address AS address, s.phone AS phone, s.email AS email, s.riskHash AS riskHash
