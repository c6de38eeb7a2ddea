// The graph's structure version (ingest/bump-structure-version.cypher), created when there is none yet (a graph
// loaded before versions existed, or by other means): read before a whole-graph pass loads the structure, so any
// change committed after it gives a new version. Also the key of the pass whose detector findings were stored
// last (analytics/mark-findings-stored.cypher).
// Params: none. Returns: version, findingsKey (null until findings were stored).
MERGE (g:GraphState {id: 'structure'})
ON CREATE SET g.version = randomUUID()
RETURN g.version AS version, g.findingsKey AS findingsKey
