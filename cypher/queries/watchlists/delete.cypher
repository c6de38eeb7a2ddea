// Deletes a watchlist and its memberships; alerts it raised keep their watchlistId and stay in the inbox of
// its organisation. Params: id. Returns: deleted (0 or 1).
MATCH (w:Watchlist {id: $id})
DETACH DELETE w
RETURN count(*) AS deleted
