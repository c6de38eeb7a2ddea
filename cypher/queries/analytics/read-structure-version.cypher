// The graph's structure version (ingest/bump-structure-version.cypher), if one was set.
// Params: none. Returns: version (no row when none was set).
MATCH (g:GraphState {id: 'structure'})
RETURN g.version AS version
