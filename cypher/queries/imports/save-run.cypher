// Creates or updates the durable report of one import (the job in Redis may expire; this stays).
// Params: id, fileName, status, startedAt, finishedAt, summary (JSON string), errors (JSON string), message.
// Returns: id.
MERGE (r:ImportRun {id: $id})
SET r.fileName = $fileName, r.status = $status, r.startedAt = $startedAt, r.finishedAt = $finishedAt,
    r.summary = $summary, r.errors = $errors, r.message = $message
RETURN r.id AS id
