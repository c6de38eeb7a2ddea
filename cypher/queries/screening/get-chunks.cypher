// A screening job's stored result chunks in order, from chunk `from` on, at most `limit` chunks.
// Params: runId, from, limit. Returns: seq, results (JSON string), count.
MATCH (:ScreeningRun {id: $runId})-[:HAS_RESULTS]->(c:ScreeningResults)
WHERE c.seq >= $from
RETURN c.seq AS seq, c.results AS results, c.count AS count
ORDER BY seq
LIMIT toInteger($limit)
