// Deletes every node and relationship, in batches so a large graph does not need one huge transaction.
// Used by the test setup and `npm run db:reset`. Params: none. Returns: nothing.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
