// Stops watching one subject; the subject keeps the :Watched label while another watchlist watches it. The label
// is removed first, which locks the subject, and set again if another list's WATCHES is there once the lock is
// held: a list adding the subject at the same moment (which locks it too) is either seen or sets it after.
// Params: id, subjectId. Returns: removed (0 or 1).
MATCH (:Watchlist {id: $id})-[x:WATCHES]->(s:Subject {id: $subjectId})
DELETE x
REMOVE s:Watched
WITH s
CALL (s) {
  WITH s WHERE EXISTS { (s)<-[:WATCHES]-(:Watchlist) }
  SET s:Watched
}
RETURN count(*) AS removed
