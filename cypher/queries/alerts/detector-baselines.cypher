// Detectors whose findings have a baseline (recorded once, on the first nightly run, without alerting).
// Params: none. Returns: detector, since.
MATCH (b:DetectorBaseline)
RETURN b.detector AS detector, b.since AS since
