// Subjects whose name matches a full-text query on the `subject_names` index (CJK bigrams, so partial Chinese
// names match). The caller builds `query` from user input with every Lucene special character neutralised.
// Never returns a person's ID number or its hash, only the masked form.
// Params: query, kind (or null), region (prefix, or null), skip, limit.
// Returns: id, kind, name, uscc, regNo, idMasked, region, riskScore, riskClass, relevance.
CALL db.index.fulltext.queryNodes('subject_names', $query) YIELD node, score
WHERE ($kind IS NULL OR node.kind = $kind)
  AND ($region IS NULL OR node.region STARTS WITH $region)
RETURN node.id AS id, node.kind AS kind, node.name AS name, node.uscc AS uscc, node.regNo AS regNo,
       node.idMasked AS idMasked, node.region AS region, node.riskScore AS riskScore,
       node.riskClass AS riskClass, score AS relevance
ORDER BY relevance DESC, id
SKIP toInteger($skip) LIMIT toInteger($limit)
