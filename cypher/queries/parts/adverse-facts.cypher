// Fragment, included by screening queries (`{{include parts/adverse-facts}}`), not run alone: what a bank must
// hear about subject `t` on $asOf, as three projected columns — the punishment measures in force on it, its
// active blacklist entries and how many serious negative records in force it has. Only the measure codes
// travel, not the bindings: inclusion k of a binding is described by its k-th list entries, a one-element list
// standing for all, as jobs/propagate/store.ts writes them.
// Needs: t; params blacklistCategories [string], negativeCategories [string], seriousSeverity, asOf.
// Projects: measureCodes [code], blacklists [category], seriousRecords.
COLLECT {
  MATCH (t)-[b:BOUND_BY]->(:Record)
  WHERE b.status = 'in_force' AND b.punishment
  UNWIND range(0, size(b.measureCodes) - 1) AS k
  WITH b, k
  WHERE coalesce(b.statuses[k], b.statuses[0]) = 'in_force'
    AND coalesce(b.polarities[k], b.polarities[0]) = 'punishment'
  RETURN DISTINCT b.measureCodes[k]
} AS measureCodes,
COLLECT {
  MATCH (t)-[:HAS_RECORD]->(rec:Record)
  WHERE rec.status = 'active' AND rec.category IN $blacklistCategories
    AND (rec.publicationTo IS NULL OR rec.publicationTo >= $asOf)
  RETURN rec.category
} AS blacklists,
COUNT {
  MATCH (t)-[:HAS_RECORD]->(rec:Record)
  WHERE rec.status = 'active' AND rec.category IN $negativeCategories AND rec.severity = $seriousSeverity
    AND (rec.publicationTo IS NULL OR rec.publicationTo >= $asOf)
} AS seriousRecords
