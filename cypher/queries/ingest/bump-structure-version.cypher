// Marks a change of the graph's structure (subjects, their contact points, relationships): a new random
// version, written in the transaction of the change. A whole-graph rescore keeps the structure it computed under
// the version it read (jobs/score/rescore.ts) and reuses it only while the version is the same. Random, not a
// counter, so a database emptied and loaded again never shows an old version.
// Params: none. Returns: nothing.
MERGE (g:GraphState {id: 'structure'})
SET g.version = randomUUID()
