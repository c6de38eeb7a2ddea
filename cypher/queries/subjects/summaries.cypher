// Short summaries of many subjects at once (the network explorer colours nodes by their stored risk class).
// Persons appear with the masked ID number only.
// Params: ids [string]. Returns: id, kind, name, idMasked, riskScore, riskClass (one row per existing id).
UNWIND $ids AS id
MATCH (s:Subject {id: id})
RETURN s.id AS id, s.kind AS kind, s.name AS name, s.idMasked AS idMasked, s.riskScore AS riskScore,
       s.riskClass AS riskClass
