// Every stored detector finding, for the nightly diff (domain/alerts/detector-findings.ts).
// Params: none. Returns: detector, key, members, size.
MATCH (f:DetectorFinding)
RETURN f.detector AS detector, f.key AS key, f.members AS members, f.size AS size
