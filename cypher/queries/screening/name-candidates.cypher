// Screening, step 2: name candidates for many rows at once from the `subject_names` full-text index (CJK
// bigrams, terms OR-ed, so a missing or extra character still finds the subject). The caller builds each
// query with every Lucene special character neutralised and scores the candidates itself.
// Params: rows [{i, query, kind ('person' | 'organisation' | null)}], limit.
// Returns: i, id, kind, name, uscc, regNo, idMasked, region, relevance.
UNWIND $rows AS row
CALL (row) {
  CALL db.index.fulltext.queryNodes('subject_names', row.query, {limit: toInteger($limit) * 2})
  YIELD node, score
  WHERE row.kind IS NULL
     OR (row.kind = 'person' AND node:Person)
     OR (row.kind = 'organisation' AND node:Organisation)
  RETURN node, score
  ORDER BY score DESC
  LIMIT toInteger($limit)
}
RETURN row.i AS i, node.id AS id, node.kind AS kind, node.name AS name, node.uscc AS uscc,
       node.regNo AS regNo, node.idMasked AS idMasked, node.region AS region, score AS relevance
