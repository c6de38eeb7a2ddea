// Remembers the last whole-graph rescore: when it started and finished, and how long it took on how many
// subjects. The score stage compares its cost with a backlog of neighbourhood rescores (jobs/score/escalation.ts)
// and skips a rescore queued before it started; operators see when scores were last recomputed everywhere.
// Params: asOf (YYYY-MM-DD), ms (number), subjects (number), startedAt, finishedAt (ISO instants). Returns: nothing.
MERGE (p:ScorePass {id: 'whole-graph'})
SET p.asOf = $asOf, p.ms = $ms, p.subjects = $subjects, p.startedAt = $startedAt, p.finishedAt = $finishedAt
