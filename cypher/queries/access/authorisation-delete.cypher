// Params: id. Returns the id when something was deleted.
MATCH (a:Authorisation {id: $id})
DETACH DELETE a
RETURN $id AS id
