// The watchlists that watch any of the given subjects, one row per (watchlist, watched subject).
// Params: ids [string]. Returns: subjectId, name, kind, watchlistId, org, ownerAccount, depth.
UNWIND $ids AS id
MATCH (w:Watchlist)-[:WATCHES]->(s:Subject {id: id})
RETURN s.id AS subjectId, s.name AS name, s.kind AS kind,
       w.id AS watchlistId, w.org AS org, w.ownerAccount AS ownerAccount, w.depth AS depth
ORDER BY watchlistId, subjectId
