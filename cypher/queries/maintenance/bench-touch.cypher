// A minimal write for the round-trip benchmark. Params: key. Returns: n (the touch count).
MERGE (b:BenchTouch {key: $key})
SET b.n = coalesce(b.n, 0) + 1
RETURN b.n AS n
