// One alert with its comments, oldest comment first. Params: id. Returns: alert (properties), comments [properties].
MATCH (a:Alert {id: $id})
CALL (a) {
  OPTIONAL MATCH (a)-[:HAS_COMMENT]->(c:AlertComment)
  WITH c ORDER BY c.at, c.id
  RETURN collect(properties(c)) AS comments
}
RETURN properties(a) AS alert, comments
