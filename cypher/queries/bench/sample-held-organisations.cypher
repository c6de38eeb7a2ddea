// Benchmark probes: `count` organisations spread evenly over the id order, each with at least two subjects
// holding a seat or stake in it as of asOf (so ownership, control and exposure have something to walk).
// Params: count, asOf. Returns: id (at most count rows).
MATCH (s:Organisation)
WHERE COUNT {
  (s)<-[r:LEGAL_REP|SHAREHOLDER|OFFICER|ACTUAL_CONTROLLER|GUARANTEE|BRANCH]-(:Subject)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)
} >= 2
WITH s.id AS id ORDER BY id
WITH collect(id) AS ids
WITH ids, toInteger(ceil(size(ids) / toFloat($count))) AS step
UNWIND range(0, size(ids) - 1, CASE WHEN step < 1 THEN 1 ELSE step END) AS i
RETURN ids[i] AS id
LIMIT toInteger($count)
