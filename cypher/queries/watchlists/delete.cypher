// Deletes a watchlist and its memberships; alerts it raised keep their watchlistId and stay in the inbox of
// its organisation. Its subjects lose the :Watched label unless another list watches them (removed first, which
// locks each subject, then set again where another list's WATCHES is there: see remove-subject.cypher).
// Params: id. Returns: deleted (0 or 1).
MATCH (w:Watchlist {id: $id})
OPTIONAL MATCH (w)-[:WATCHES]->(s:Subject)
WITH w, collect(s) AS watched
DETACH DELETE w
WITH watched
CALL (watched) {
  UNWIND watched AS s
  REMOVE s:Watched
  WITH s WHERE EXISTS { (s)<-[:WATCHES]-(:Watchlist) }
  SET s:Watched
}
RETURN count(*) AS deleted
