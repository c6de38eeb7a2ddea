// Repair applications of one record. Params: recordId. Returns: props.
MATCH (a:RepairApplication {recordId: $recordId})
RETURN properties(a) AS props
ORDER BY a.appliedAt, a.id
