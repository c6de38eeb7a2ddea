// Remembers which pass stored the current detector findings (its structure version, date, options and alert
// catalogue, hashed): a later pass on the same structure and options skips storing the same findings again, in
// whichever worker process it runs. Params: key (string). Returns: nothing.
MERGE (g:GraphState {id: 'structure'})
SET g.findingsKey = $key
