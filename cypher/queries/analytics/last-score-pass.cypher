// The last whole-graph rescore (analytics/record-score-pass.cypher), if one ever ran.
// Params: none. Returns: asOf, ms, subjects, startedAt, finishedAt (no row when none ran).
MATCH (p:ScorePass {id: 'whole-graph'})
RETURN p.asOf AS asOf, p.ms AS ms, p.subjects AS subjects, p.startedAt AS startedAt,
       p.finishedAt AS finishedAt
