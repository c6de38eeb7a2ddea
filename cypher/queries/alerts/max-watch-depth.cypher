// The deepest watchlist, so a cause's neighbourhood is read no further than some watchlist looks.
// Params: none. Returns: depth (null when there is no watchlist).
MATCH (w:Watchlist)
RETURN max(w.depth) AS depth
