// Every subject a punishment binds in force through another subject's record (whose new seats the sweep reads).
// Params: none. Returns: id (one row per subject).
MATCH (p:Subject)-[b:BOUND_BY]->(r:Record)<-[:HAS_RECORD]-(rs:Subject)
WHERE b.status = 'in_force' AND b.punishment = true AND p <> rs
RETURN DISTINCT p.id AS id
