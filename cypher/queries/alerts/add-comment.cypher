// Adds a comment to an alert. Params: alertId, id, author, text, at. Returns: comment (properties); no row when
// the alert does not exist.
MATCH (a:Alert {id: $alertId})
CREATE (c:AlertComment {id: $id, alertId: $alertId, author: $author, text: $text, at: $at})
CREATE (a)-[:HAS_COMMENT]->(c)
SET a.updatedAt = $at
RETURN properties(c) AS comment
