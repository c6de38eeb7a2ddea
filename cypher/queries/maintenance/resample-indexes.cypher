// Asks Neo4j to resample the indexes whose statistics are out of date. After a large import the planner still
// costs index look-ups by the samples taken when the indexes were (nearly) empty, and was seen choosing whole-index
// scans for per-record look-ups (quadratic in the backlog) until the samples caught up.
// Params: none. Returns: nothing.
CALL db.resampleOutdatedIndexes()
