// Inclusions that started in [from, to), by measure, month and current status (inclusion k of a binding is
// described by its k-th list entries; a one-element list stands for all).
// Params: from, to (YYYY-MM-DD). Returns: measureCode, period (YYYY-MM), status, n.
MATCH ()-[b:BOUND_BY]->()
WHERE b.from < $to
UNWIND range(0, size(b.measureCodes) - 1) AS k
WITH b.measureCodes[k] AS measureCode, coalesce(b.froms[k], b.froms[0]) AS started,
     coalesce(b.statuses[k], b.statuses[0]) AS status
WHERE started >= $from AND started < $to
RETURN measureCode, substring(started, 0, 7) AS period, status, count(*) AS n
