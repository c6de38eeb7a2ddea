// Creates or updates what a record's measures reach: one (:Subject)-[:BOUND_BY]->(:Record) relationship per
// bound subject and record (MERGE: re-running a derivation creates nothing new), holding that pair's inclusions
// as parallel lists (measureCodes[k], roles[k], statuses[k]… describe inclusion k). A binding to a person that
// includes the personal-record measure is also that person's credit-record entry (seed 004 s.15).
// Params: rows [{subjectId, recordId, props}]. Returns: nothing.
UNWIND $rows AS row
MATCH (s:Subject {id: row.subjectId})
MATCH (r:Record {id: row.recordId})
MERGE (s)-[b:BOUND_BY]->(r)
SET b += row.props
