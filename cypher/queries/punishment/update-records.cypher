// Sets properties of records after a decision (status, corrected fields, publication end).
// Params: rows [{id, props}]. Returns: id of each record updated.
UNWIND $rows AS row
MATCH (r:Record {id: row.id})
SET r += row.props, r.decidedAt = datetime()
RETURN r.id AS id
