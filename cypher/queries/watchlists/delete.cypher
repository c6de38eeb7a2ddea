// Deletes a watchlist and its memberships; alerts it raised keep their watchlistId and stay in the inbox of
// its organisation. Its subjects watched by no other list lose the :Watched label. Params: id.
// Returns: deleted (0 or 1).
MATCH (w:Watchlist {id: $id})
OPTIONAL MATCH (w)-[:WATCHES]->(s:Subject)
WITH w, collect(s) AS watched
DETACH DELETE w
WITH watched
CALL (watched) {
  UNWIND watched AS s
  WITH s WHERE NOT EXISTS { (s)<-[:WATCHES]-(:Watchlist) }
  REMOVE s:Watched
}
RETURN count(*) AS deleted
