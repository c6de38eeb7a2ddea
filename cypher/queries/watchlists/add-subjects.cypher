// Adds subjects to a watchlist (MERGE: adding one already watched changes nothing). Callers resolve the ids
// first, so every id exists. A watched subject carries the :Watched label (alerts/watch-paths.cypher ends its
// search on it). Params: id, subjectIds [string], addedAt, addedBy.
// Returns: added (new memberships), size (after).
MATCH (w:Watchlist {id: $id})
CALL (w) {
  UNWIND $subjectIds AS sid
  MATCH (s:Subject {id: sid})
  MERGE (w)-[x:WATCHES]->(s)
  ON CREATE SET x.addedAt = $addedAt, x.addedBy = $addedBy, x.isNew = true
  SET s:Watched
  WITH x, coalesce(x.isNew, false) AS isNew
  REMOVE x.isNew
  RETURN sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS added
}
CALL (w) {
  MATCH (w)-[x:WATCHES]->(:Subject)
  RETURN count(x) AS size
}
RETURN added, size
