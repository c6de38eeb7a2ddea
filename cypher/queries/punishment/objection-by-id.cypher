// One objection. Params: id. Returns: props.
MATCH (o:Objection {id: $id})
RETURN properties(o) AS props
