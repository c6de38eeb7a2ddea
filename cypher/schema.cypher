// Graph schema: constraints and indexes, applied at every start and in tests (all IF NOT EXISTS).
// Labels: every subject is :Subject plus :Organisation or :Person; credit records are :Record;
// shared contact points are :Contact; outbox markers for the pipeline are :Outbox.

CREATE CONSTRAINT subject_id IF NOT EXISTS FOR (s:Subject) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT organisation_uscc IF NOT EXISTS FOR (o:Organisation) REQUIRE o.uscc IS UNIQUE;
CREATE CONSTRAINT organisation_regno IF NOT EXISTS FOR (o:Organisation) REQUIRE o.regNo IS UNIQUE;
CREATE CONSTRAINT person_id_hash IF NOT EXISTS FOR (p:Person) REQUIRE p.idHash IS UNIQUE;
CREATE CONSTRAINT record_id IF NOT EXISTS FOR (r:Record) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT contact_key IF NOT EXISTS FOR (c:Contact) REQUIRE c.key IS UNIQUE;
CREATE CONSTRAINT outbox_id IF NOT EXISTS FOR (o:Outbox) REQUIRE o.id IS UNIQUE;

CREATE INDEX subject_kind IF NOT EXISTS FOR (s:Subject) ON (s.kind);
CREATE INDEX subject_region IF NOT EXISTS FOR (s:Subject) ON (s.region);
CREATE INDEX record_category IF NOT EXISTS FOR (r:Record) ON (r.category);
CREATE INDEX record_status IF NOT EXISTS FOR (r:Record) ON (r.status);
CREATE INDEX outbox_state IF NOT EXISTS FOR (o:Outbox) ON (o.state);

// Chinese names have no spaces between words: the CJK analyzer indexes character bigrams, so a
// partial name such as "腾讯" finds "深圳市腾讯计算机系统有限公司".
CREATE FULLTEXT INDEX subject_names IF NOT EXISTS FOR (s:Subject) ON EACH [s.name]
  OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk' } };
