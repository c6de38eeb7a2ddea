// Subjects to check in the check-latency benchmark, in three groups: subjects bound by a live punishment
// ('bound'), companies now led by a person bound through another company ('relayed', the 改头换面 case), and
// any subject ('any'). Params: limit (per group). Returns: id, grp.
CALL () {
  MATCH (s:Subject)-[b:BOUND_BY]->(:Record)
  WHERE b.status = 'in_force' AND b.punishment
  WITH DISTINCT s LIMIT toInteger($limit)
  RETURN s.id AS id, 'bound' AS grp
  UNION ALL
  MATCH (o:Organisation)<-[:LEGAL_REP]-(p:Person)-[b:BOUND_BY]->(r:Record)
  WHERE b.status = 'in_force' AND b.punishment AND r.subjectId <> o.id
  WITH DISTINCT o LIMIT toInteger($limit)
  RETURN o.id AS id, 'relayed' AS grp
  UNION ALL
  MATCH (s:Subject)
  WITH s, rand() AS x ORDER BY x LIMIT toInteger($limit)
  RETURN s.id AS id, 'any' AS grp
}
RETURN id, grp
