// Creates or updates the durable state of one screening job (the job in Redis may expire; this stays). The run
// belongs to an organisation (or, for accounts without one, to the account): only its owner sees it.
// Params: id, org (or null), accountId, status, total, done, createdAt, startedAt, finishedAt, summary (JSON
// string or null), message, hops. Null values leave the stored ones as they are.
// Returns: id.
MERGE (r:ScreeningRun {id: $id})
SET r.org = coalesce($org, r.org), r.accountId = coalesce($accountId, r.accountId),
    r.status = coalesce($status, r.status), r.total = coalesce($total, r.total), r.done = coalesce($done, r.done),
    r.createdAt = coalesce($createdAt, r.createdAt), r.startedAt = coalesce($startedAt, r.startedAt),
    r.finishedAt = coalesce($finishedAt, r.finishedAt), r.summary = coalesce($summary, r.summary),
    r.message = coalesce($message, r.message), r.hops = coalesce($hops, r.hops)
RETURN r.id AS id
