// Stops watching one subject; the subject keeps the :Watched label while another watchlist watches it.
// Params: id, subjectId. Returns: removed (0 or 1).
MATCH (:Watchlist {id: $id})-[x:WATCHES]->(s:Subject {id: $subjectId})
DELETE x
WITH s
CALL (s) {
  WITH s WHERE NOT EXISTS { (s)<-[:WATCHES]-(:Watchlist) }
  REMOVE s:Watched
}
RETURN count(*) AS removed
