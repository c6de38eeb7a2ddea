// One watchlist with its size. Params: id. Returns: watchlist (properties), size; no row when unknown.
MATCH (w:Watchlist {id: $id})
CALL (w) {
  OPTIONAL MATCH (w)-[x:WATCHES]->(:Subject)
  RETURN count(x) AS size
}
RETURN properties(w) AS watchlist, size
