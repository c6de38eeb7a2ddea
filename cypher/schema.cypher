// Graph schema: constraints and indexes (all IF NOT EXISTS) and derived labels, applied at every start and in tests.
// Labels: every subject is :Subject plus :Organisation or :Person; credit records are :Record;
// shared contact points are :Contact; outbox markers for the pipeline are :Outbox.

CREATE CONSTRAINT subject_id IF NOT EXISTS FOR (s:Subject) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT organisation_uscc IF NOT EXISTS FOR (o:Organisation) REQUIRE o.uscc IS UNIQUE;
CREATE CONSTRAINT organisation_regno IF NOT EXISTS FOR (o:Organisation) REQUIRE o.regNo IS UNIQUE;
CREATE CONSTRAINT person_id_hash IF NOT EXISTS FOR (p:Person) REQUIRE p.idHash IS UNIQUE;
CREATE CONSTRAINT record_id IF NOT EXISTS FOR (r:Record) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT contact_key IF NOT EXISTS FOR (c:Contact) REQUIRE c.key IS UNIQUE;
CREATE CONSTRAINT outbox_id IF NOT EXISTS FOR (o:Outbox) REQUIRE o.id IS UNIQUE;
// The structure version (one node, id 'structure'): see ingest/bump-structure-version.cypher.
CREATE CONSTRAINT graph_state_id IF NOT EXISTS FOR (g:GraphState) REQUIRE g.id IS UNIQUE;

CREATE INDEX subject_kind IF NOT EXISTS FOR (s:Subject) ON (s.kind);
CREATE INDEX subject_region IF NOT EXISTS FOR (s:Subject) ON (s.region);
CREATE INDEX record_category IF NOT EXISTS FOR (r:Record) ON (r.category);
CREATE INDEX record_status IF NOT EXISTS FOR (r:Record) ON (r.status);
CREATE INDEX outbox_state IF NOT EXISTS FOR (o:Outbox) ON (o.state);

// Chinese names have no spaces between words: the CJK analyzer indexes character bigrams, so a
// partial name such as "腾讯" finds "深圳市腾讯计算机系统有限公司". Eventually consistent: the index
// is updated just after commit instead of inside it, which keeps bulk imports fast; a search may miss
// a subject for a moment after its import.
CREATE FULLTEXT INDEX subject_names IF NOT EXISTS FOR (s:Subject) ON EACH [s.name]
  OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: true } };

// Joint reward and punishment (issue 5): what a record's measures reach is one (:Subject)-[:BOUND_BY]->(:Record)
// relationship per bound subject and record, holding that pair's inclusions as parallel lists; objections, repair
// applications, the kept history of each record and the log of every check-before-handling answer are nodes.
CREATE CONSTRAINT objection_id IF NOT EXISTS FOR (o:Objection) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT repair_application_id IF NOT EXISTS FOR (a:RepairApplication) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT record_event_id IF NOT EXISTS FOR (e:RecordEvent) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT check_log_id IF NOT EXISTS FOR (c:CheckLog) REQUIRE c.id IS UNIQUE;
CREATE INDEX outbox_record IF NOT EXISTS FOR (o:Outbox) ON (o.recordId);
CREATE INDEX record_publication_to IF NOT EXISTS FOR (r:Record) ON (r.publicationTo);
CREATE INDEX bound_by_from IF NOT EXISTS FOR ()-[b:BOUND_BY]-() ON (b.from);
CREATE INDEX bound_by_next_end IF NOT EXISTS FOR ()-[b:BOUND_BY]-() ON (b.nextEnd);
CREATE INDEX bound_by_last_ended IF NOT EXISTS FOR ()-[b:BOUND_BY]-() ON (b.lastEndedOn);
CREATE INDEX record_event_record IF NOT EXISTS FOR (e:RecordEvent) ON (e.recordId);
CREATE INDEX objection_record IF NOT EXISTS FOR (o:Objection) ON (o.recordId);
CREATE INDEX repair_application_record IF NOT EXISTS FOR (a:RepairApplication) ON (a.recordId);
CREATE INDEX check_log_day IF NOT EXISTS FOR (c:CheckLog) ON (c.day);

CREATE CONSTRAINT import_run_id IF NOT EXISTS FOR (r:ImportRun) REQUIRE r.id IS UNIQUE;

// Accounts, API keys, portfolio authorisations and the audit log (issue 7).
CREATE CONSTRAINT account_id IF NOT EXISTS FOR (a:Account) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT account_username IF NOT EXISTS FOR (a:Account) REQUIRE a.username IS UNIQUE;
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE;
CREATE CONSTRAINT authorisation_id IF NOT EXISTS FOR (a:Authorisation) REQUIRE a.id IS UNIQUE;
CREATE INDEX authorisation_org IF NOT EXISTS FOR (a:Authorisation) ON (a.org);
CREATE CONSTRAINT audit_entry_seq IF NOT EXISTS FOR (e:AuditEntry) REQUIRE e.seq IS UNIQUE;
CREATE INDEX audit_entry_actor IF NOT EXISTS FOR (e:AuditEntry) ON (e.actor);
CREATE INDEX audit_entry_at IF NOT EXISTS FOR (e:AuditEntry) ON (e.at);
CREATE CONSTRAINT audit_head_id IF NOT EXISTS FOR (h:AuditHead) REQUIRE h.id IS UNIQUE;

// Alerts and watchlists (issue 6): (:Watchlist)-[:WATCHES]->(:Subject); (:Alert)-[:ABOUT]->(:Subject) with a
// deterministic id (hash of its dedup key, so MERGE on it de-duplicates even under concurrent jobs);
// (:Alert)-[:HAS_COMMENT]->(:AlertComment). The inbox pages by createdAt and filters by org and status.
CREATE CONSTRAINT watchlist_id IF NOT EXISTS FOR (w:Watchlist) REQUIRE w.id IS UNIQUE;
CREATE CONSTRAINT alert_id IF NOT EXISTS FOR (a:Alert) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT alert_comment_id IF NOT EXISTS FOR (c:AlertComment) REQUIRE c.id IS UNIQUE;
CREATE INDEX watchlist_org IF NOT EXISTS FOR (w:Watchlist) ON (w.org);
CREATE INDEX alert_dedup_key IF NOT EXISTS FOR (a:Alert) ON (a.dedupKey);
CREATE INDEX alert_created_at IF NOT EXISTS FOR (a:Alert) ON (a.createdAt);
CREATE INDEX alert_org_status IF NOT EXISTS FOR (a:Alert) ON (a.org, a.status);
// Detector-diff alerts: fingerprints of the nightly detectors' findings, and one baseline marker per detector.
CREATE CONSTRAINT detector_finding_key IF NOT EXISTS FOR (f:DetectorFinding) REQUIRE f.key IS UNIQUE;
CREATE CONSTRAINT detector_baseline_detector IF NOT EXISTS FOR (b:DetectorBaseline) REQUIRE b.detector IS UNIQUE;
CREATE INDEX detector_finding_pending IF NOT EXISTS FOR (f:DetectorFinding) ON (f.pending);
CREATE CONSTRAINT screening_run_id IF NOT EXISTS FOR (r:ScreeningRun) REQUIRE r.id IS UNIQUE;

// Derived labels, kept in step by the queries that change their source, set again here at every start for data
// written before they existed (or by other means): :Watched marks a subject some watchlist watches.
MATCH (:Watchlist)-[:WATCHES]->(s:Subject) WHERE NOT s:Watched SET s:Watched;
MATCH (s:Watched) WHERE NOT EXISTS { (s)<-[:WATCHES]-(:Watchlist) } REMOVE s:Watched;
