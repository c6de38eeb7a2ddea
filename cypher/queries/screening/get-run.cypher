// One screening job's durable state. Params: id. Returns: props.
MATCH (r:ScreeningRun {id: $id})
RETURN properties(r) AS props
