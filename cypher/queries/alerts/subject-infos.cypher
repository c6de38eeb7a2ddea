// Names and kinds of the given subjects (members of a detector finding).
// Params: ids [string]. Returns: id, name, kind.
UNWIND $ids AS id
MATCH (s:Subject {id: id})
RETURN s.id AS id, s.name AS name, s.kind AS kind
