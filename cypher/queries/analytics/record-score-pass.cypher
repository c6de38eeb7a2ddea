// Remembers the last whole-graph rescore: when it started and finished, and how long it took on how many
// subjects. The score stage compares its cost with a backlog of neighbourhood rescores (jobs/score/escalation.ts)
// and skips a rescore queued before it started; operators see when scores were last recomputed everywhere.
// A pass that reused its structure (read only the records) costs a fraction of one that read everything, so the
// last of each kind is kept too: fullMs and reusedMs.
// Params: asOf (YYYY-MM-DD), ms (number), structureReused (boolean), subjects (number), startedAt, finishedAt
// (ISO instants). Returns: nothing.
MERGE (p:ScorePass {id: 'whole-graph'})
SET p.asOf = $asOf, p.ms = $ms, p.subjects = $subjects, p.startedAt = $startedAt, p.finishedAt = $finishedAt,
    p.structureReused = $structureReused,
    p.fullMs = CASE WHEN $structureReused THEN coalesce(p.fullMs, $ms) ELSE $ms END,
    p.reusedMs = CASE WHEN $structureReused THEN $ms ELSE p.reusedMs END
