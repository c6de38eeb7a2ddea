// The plain way, for the benchmark only: related-party exposure of one subject computed in Cypher alone —
// every subject with an active negative-looking record within 1..3 relationships (any direction, valid on
// asOf), and the best damped path weight to it. Enumerates paths, so cost grows with the neighbourhood.
// Params: id, asOf. Returns: source, hops, weight (one row per risky subject reached).
MATCH p = (s:Subject {id: $id})-[rels:LEGAL_REP|SHAREHOLDER|OFFICER|ACTUAL_CONTROLLER|GUARANTEE|BRANCH*1..3]-(t:Subject)
WHERE t <> s
  AND all(r IN rels WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf))
  AND EXISTS { (t)-[:HAS_RECORD]->(rec:Record {status: 'active'}) WHERE rec.severity IN ['general', 'serious'] }
WITH t, length(p) AS hops,
     reduce(w = 1.0, r IN rels | w * 0.85 *
       CASE type(r) WHEN 'SHAREHOLDER' THEN 0.6 * (0.3 + 0.7 * coalesce(r.stakePct, 30) / 100.0)
                    WHEN 'LEGAL_REP' THEN 0.85 WHEN 'OFFICER' THEN 0.6 WHEN 'ACTUAL_CONTROLLER' THEN 0.8
                    WHEN 'GUARANTEE' THEN 0.5 ELSE 0.5 END) AS weight
RETURN t.id AS source, min(hops) AS hops, max(weight) AS weight
ORDER BY weight DESC
