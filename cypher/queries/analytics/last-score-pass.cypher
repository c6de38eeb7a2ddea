// The last whole-graph rescore (analytics/record-score-pass.cypher), if one ever ran.
// Params: none. Returns: asOf, ms, subjects, finishedAt (no row when none ran).
MATCH (p:ScorePass {id: 'whole-graph'})
RETURN p.asOf AS asOf, p.ms AS ms, p.subjects AS subjects, p.finishedAt AS finishedAt
