// Screening: what a bank must hear about subjects a related-party walk entered, many at once (a large batch's
// walks; see screening/expand) — who they are (persons with the masked ID number only), their stored risk class
// and parts/adverse-facts — for those with something to hear only (domain/screening/hits.ts decides the same
// way which of them are hits): most subjects a walk enters have none, and a batch of 10,000 enters ~500,000.
// Params: ids [string], asOf, blacklistCategories [string], negativeCategories [string], seriousSeverity,
// riskClasses [string].
// Returns: id, kind, name, idMasked, riskClass, measureCodes [code], blacklists [category], seriousRecords
// (rows only for subjects with any of them, riskClass counting when in riskClasses).
UNWIND $ids AS id
MATCH (t:Subject {id: id})
WITH t,
{{include parts/adverse-facts}}
WHERE size(measureCodes) > 0 OR size(blacklists) > 0 OR seriousRecords > 0 OR t.riskClass IN $riskClasses
RETURN t.id AS id, t.kind AS kind, t.name AS name, t.idMasked AS idMasked, t.riskClass AS riskClass,
       measureCodes, blacklists, seriousRecords
