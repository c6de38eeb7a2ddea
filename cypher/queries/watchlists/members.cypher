// One page of a watchlist's subjects, by subject id. Params: id, afterId (nullable), limit.
// Returns: id, name, kind, riskClass, addedAt, addedBy.
MATCH (:Watchlist {id: $id})-[x:WATCHES]->(s:Subject)
WHERE $afterId IS NULL OR s.id > $afterId
RETURN s.id AS id, s.name AS name, s.kind AS kind, s.riskClass AS riskClass, x.addedAt AS addedAt,
       x.addedBy AS addedBy
ORDER BY id
LIMIT toInteger($limit)
