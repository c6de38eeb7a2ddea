// Marks detectors as baselined (from the next run on, their new findings raise alerts) and keeps each one's rule
// threshold of this run, so that a lowered threshold does not raise what was there all along.
// Params: rows [{detector, threshold}], asOf (YYYY-MM-DD). Returns: detector.
UNWIND $rows AS row
MERGE (b:DetectorBaseline {detector: row.detector})
ON CREATE SET b.since = $asOf
SET b.threshold = row.threshold
RETURN b.detector AS detector
