// Detectors whose findings have a baseline (recorded once, on the first nightly run, without alerting), with the
// rule threshold of their last run (null on markers from before it was kept).
// Params: none. Returns: detector, since, threshold.
MATCH (b:DetectorBaseline)
RETURN b.detector AS detector, b.since AS since, b.threshold AS threshold
