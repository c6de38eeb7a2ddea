// Credit records decided in [from, to] (inclusive calendar days), counted per category and current status.
// Params: from, to (YYYY-MM-DD). Returns: category, status, n.
MATCH (r:Record)
WITH r, toString(r.decisionDate) AS decided
WHERE decided >= $from AND decided <= $to
RETURN r.category AS category, r.status AS status, count(*) AS n
