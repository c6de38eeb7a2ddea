// One repair application. Params: id. Returns: props.
MATCH (a:RepairApplication {id: $id})
RETURN properties(a) AS props
