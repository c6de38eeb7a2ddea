// Stores one chunk of a screening job's results (JSON text, rows in input order); re-running a chunk after a
// retry replaces it. Params: runId, seq, results (JSON string), count. Returns: seq.
MATCH (r:ScreeningRun {id: $runId})
MERGE (r)-[:HAS_RESULTS]->(c:ScreeningResults {runId: $runId, seq: $seq})
SET c.results = $results, c.count = $count
RETURN c.seq AS seq
