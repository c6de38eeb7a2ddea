// Resolves subject references (by subject id, USCC or the keyed hash of a person's ID number).
// Params: refs [{key, by: 'id'|'uscc'|'idHash', value}]. Returns: key, id, kind for the references found.
UNWIND $refs AS ref
CALL (ref) {
  WITH ref WHERE ref.by = 'id'
  MATCH (s:Subject {id: ref.value})
  RETURN s
  UNION
  WITH ref WHERE ref.by = 'uscc'
  MATCH (s:Organisation {uscc: ref.value})
  RETURN s
  UNION
  WITH ref WHERE ref.by = 'idHash'
  MATCH (s:Person {idHash: ref.value})
  RETURN s
}
RETURN ref.key AS key, s.id AS id, s.kind AS kind
