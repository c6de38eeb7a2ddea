// Which of the given subject ids exist. Params: ids [string]. Returns: id.
UNWIND $ids AS id
MATCH (s:Subject {id: id})
RETURN s.id AS id
