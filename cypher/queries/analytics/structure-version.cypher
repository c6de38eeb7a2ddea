// The graph's structure version (ingest/bump-structure-version.cypher), created when there is none yet (a graph
// loaded before versions existed, or by other means): read before a whole-graph pass loads the structure, so any
// change committed after it gives a new version.
// Params: none. Returns: version.
MERGE (g:GraphState {id: 'structure'})
ON CREATE SET g.version = randomUUID()
RETURN g.version AS version
