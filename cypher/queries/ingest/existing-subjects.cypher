// Which of these subject ids exist already. Params: ids [string]. Returns: id.
UNWIND $ids AS id
MATCH (s:Subject {id: id})
RETURN s.id AS id
