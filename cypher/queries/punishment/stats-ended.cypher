// Inclusions that ended in [from, to), by measure, status (lifted / withdrawn) and reason (a one-element list
// stands for every inclusion of the binding).
// Params: from, to (YYYY-MM-DD). Returns: measureCode, status, reason, n.
MATCH ()-[b:BOUND_BY]->()
WHERE b.lastEndedOn >= $from
UNWIND range(0, size(b.measureCodes) - 1) AS k
WITH b.measureCodes[k] AS measureCode, coalesce(b.statuses[k], b.statuses[0]) AS status,
     coalesce(b.endedOns[k], b.endedOns[0]) AS endedOn, coalesce(b.endReasons[k], b.endReasons[0]) AS reason
WHERE endedOn >= $from AND endedOn < $to
RETURN measureCode, status, reason, count(*) AS n
