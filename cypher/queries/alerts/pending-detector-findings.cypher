// Detector findings waiting for the alert sweep, oldest key order; the next sweep reads the rest.
// Params: limit. Returns: detector, key, members, size, strength, evidence (JSON), pending, previousSize.
MATCH (f:DetectorFinding)
WHERE f.pending IS NOT NULL
RETURN f.detector AS detector, f.key AS key, f.members AS members, f.size AS size, f.strength AS strength,
       f.evidence AS evidence, f.pending AS pending, f.previousSize AS previousSize
ORDER BY f.key
LIMIT toInteger($limit)
