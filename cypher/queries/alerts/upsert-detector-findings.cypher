// Stores the current detector findings (compact fingerprints). A finding to alert on carries `pending` (its
// reason: new or grown) until the alert sweep has raised it; a later run never clears a pending reason.
// Params: asOf (YYYY-MM-DD), rows [{detector, key, members, size, strength, evidence (JSON), pending, previousSize}].
// Returns: written.
UNWIND $rows AS row
MERGE (f:DetectorFinding {key: row.key})
ON CREATE SET f.detector = row.detector, f.firstSeen = $asOf
SET f.members = row.members, f.size = row.size, f.strength = row.strength, f.evidence = row.evidence,
    f.lastSeen = $asOf,
    f.previousSize = CASE WHEN row.pending IS NULL THEN f.previousSize ELSE row.previousSize END,
    f.pending = coalesce(row.pending, f.pending)
RETURN count(f) AS written
