// The last whole-graph rescore (analytics/record-score-pass.cypher), if one ever ran.
// Params: none. Returns: asOf, ms, fullMs, reusedMs (null until a pass reused its structure), structureReused,
// subjects, startedAt, finishedAt (no row when none ran).
MATCH (p:ScorePass {id: 'whole-graph'})
RETURN p.asOf AS asOf, p.ms AS ms, coalesce(p.fullMs, p.ms) AS fullMs, p.reusedMs AS reusedMs,
       coalesce(p.structureReused, false) AS structureReused, p.subjects AS subjects, p.startedAt AS startedAt,
       p.finishedAt AS finishedAt
