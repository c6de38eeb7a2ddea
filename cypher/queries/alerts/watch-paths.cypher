// Every shortest path, of at most maxHops relationships valid on asOf, from each cause subject to each watched
// subject in its reach (the cause itself counts, with a path of length 0). The union of a cause's paths holds
// every shortest path to each of its watched subjects, so the breadth-first tree over it picks the same evidence
// path as over the whole neighbourhood (domain/alerts/paths.ts), without reading that neighbourhood. Watched
// subjects carry the :Watched label (watchlists/*.cypher): a label test on every subject reached costs ~45 % less
// of the search than looking for a WATCHES relationship there.
// Shape: maxHops (the deepest watchlist). Params: ids [string], types [string], asOf (YYYY-MM-DD).
// Returns one row per path: cause, nodes [[id, name, kind]], rels [[key, from, to, type, validFrom, validTo,
// stakePct, role, amount]] (key identifies the relationship within one answer).
UNWIND $ids AS cause
MATCH (c:Subject {id: cause})
MATCH p = ALL SHORTEST (c)-[r WHERE type(r) IN $types
    AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)
  ]-{0,{{maxHops}}}(w:Subject:Watched)
RETURN cause,
       [n IN nodes(p) | [n.id, n.name, n.kind]] AS nodes,
       [x IN relationships(p) | [elementId(x), startNode(x).id, endNode(x).id, type(x), x.validFrom, x.validTo,
                                 x.stakePct, x.role, x.amount]] AS rels
