// Counts nodes by label and relationships by type (for import reports, tests and benchmarks).
// Params: none. Returns: element ('node' | 'relationship'), name (label or type), n.
MATCH (n)
UNWIND labels(n) AS label
RETURN 'node' AS element, label AS name, count(*) AS n
UNION ALL
MATCH ()-[r]->()
RETURN 'relationship' AS element, type(r) AS name, count(*) AS n
