// One import's durable report. Params: id. Returns: props.
MATCH (r:ImportRun {id: $id})
RETURN properties(r) AS props
