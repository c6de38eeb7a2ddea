// Marks detectors as baselined: from the next run on, their new findings raise alerts.
// Params: detectors [string], asOf (YYYY-MM-DD). Returns: detector.
UNWIND $detectors AS d
MERGE (b:DetectorBaseline {detector: d})
ON CREATE SET b.since = $asOf
RETURN b.detector AS detector
