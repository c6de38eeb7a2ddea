// Whether a subject lies on a loop of shareholdings (circular shareholding) or of guarantees (a guarantee circle)
// of at most {{maxHops}} relationships, all valid on asOf: the risk explanation's structural signals. Asked here
// rather than by loading every subject {{maxHops}} hops downstream: a bidirectional shortest-path search from the
// subject back to itself touches only what lies on both sides of a loop.
// Params: id, asOf (YYYY-MM-DD or null: every relationship ever recorded).
// Returns: circularShareholding, guaranteeCircle (booleans; no row when there is no such subject).
MATCH (s:Subject {id: $id})
RETURN
  EXISTS {
    MATCH ANY SHORTEST (s)-[r:SHAREHOLDER WHERE $asOf IS NULL
        OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf))
      ]->{1,{{maxHops}}}(s)
  } AS circularShareholding,
  EXISTS {
    MATCH ANY SHORTEST (s)-[r:GUARANTEE WHERE $asOf IS NULL
        OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf))
      ]->{1,{{maxHops}}}(s)
  } AS guaranteeCircle
