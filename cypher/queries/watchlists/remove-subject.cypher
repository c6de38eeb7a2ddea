// Stops watching one subject. Params: id, subjectId. Returns: removed (0 or 1).
MATCH (:Watchlist {id: $id})-[x:WATCHES]->(:Subject {id: $subjectId})
DELETE x
RETURN count(*) AS removed
