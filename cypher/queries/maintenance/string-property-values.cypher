// Every string property value of every node and relationship: the PII test scans them for clear ID numbers.
// Params: none. Returns: value.
MATCH (n)
UNWIND keys(n) AS k
WITH n[k] AS value WHERE value IS :: STRING
RETURN value
UNION ALL
MATCH ()-[r]->()
UNWIND keys(r) AS k
WITH r[k] AS value WHERE value IS :: STRING
RETURN value
