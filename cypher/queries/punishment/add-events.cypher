// Keeps history entries of records (who decided what, when and why). Ids are deterministic where the step is
// (propagation, expiry), so a re-run adds nothing; decisions get fresh ids.
// Params: events [{id, recordId, props}]. Returns: n (events now stored for these ids).
UNWIND $events AS ev
MERGE (e:RecordEvent {id: ev.id})
ON CREATE SET e += ev.props, e.recordId = ev.recordId, e.recordedAt = datetime()
WITH e, ev
CALL (e, ev) {
  MATCH (r:Record {id: ev.recordId})
  MERGE (r)-[:HAS_EVENT]->(e)
}
RETURN count(e) AS n
