// Every watched subject (any watchlist), for the scheduled sweep. Params: none. Returns: id.
MATCH (:Watchlist)-[:WATCHES]->(s:Subject)
RETURN DISTINCT s.id AS id
ORDER BY id
