/**
 * The fixed vocabulary of the domain (../shared/domain.md §2–5). Names here are the names in code,
 * in the graph (labels, relationship types, property values) and in import files.
 */

/** Kinds of credit subject (domain.md §3). */
export const SUBJECT_KINDS = [
  'enterprise',
  'individual_business',
  'farmer_cooperative',
  'social_organisation',
  'public_institution',
  'government_body',
  'natural_person',
] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** Organisations are every kind but natural persons; they are keyed by the USCC. */
export type OrganisationKind = Exclude<SubjectKind, 'natural_person'>;
export const isOrganisationKind = (kind: SubjectKind): kind is OrganisationKind => kind !== 'natural_person';

/** Dated relationships between subjects (domain.md §4). Direction: from → to as listed. */
export const RELATION_KINDS = [
  'LEGAL_REP', // person → org
  'SHAREHOLDER', // person/org → org, stake %, subscribed amount
  'OFFICER', // person → org, role
  'ACTUAL_CONTROLLER', // person/org → org, declared
  'GUARANTEE', // guarantor → guaranteed, amount
  'BRANCH', // parent → branch
] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const OFFICER_ROLES = ['chair', 'director', 'supervisor', 'manager', 'other_senior_manager'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** Shared contact points that tie organisations together (shell-cluster signal). */
export const CONTACT_KINDS = ['address', 'phone', 'email'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const SEVERITIES = ['minor', 'general', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RECORD_STATUSES = ['active', 'under_objection', 'repaired', 'expired', 'revoked'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** SAMR enterprise credit-risk classes: A (low) … D (high) (domain.md §9). */
export const RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

/** ISO date (YYYY-MM-DD). Dates in the domain are calendar days, not instants. */
export type IsoDate = string;

/**
 * Kinds of credit record (domain.md §5). The rules attached to each (polarity, windows, sources) live in the
 * versioned catalogue `catalogues/record-categories.ts`; the names are fixed here because import files use them.
 */
export const RECORD_CATEGORY_IDS = [
  'administrative_penalty',
  'administrative_licence',
  'dishonest_judgment_debtor',
  'high_consumption_restriction',
  'major_tax_violation',
  'abnormal_operation',
  'serious_dishonesty_list',
  'blacklist_food_drug',
  'blacklist_labour',
  'blacklist_environment',
  'blacklist_safety',
  'blacklist_procurement',
  'blacklist_online',
  'red_list',
  'a_level_taxpayer',
  'honour',
  'credit_commitment',
] as const;
export type RecordCategoryId = (typeof RECORD_CATEGORY_IDS)[number];

/** Whether a record counts against the subject (失信), for it (守信), or neither (a licence, a commitment). */
export const POLARITIES = ['negative', 'positive', 'neutral'] as const;
export type Polarity = (typeof POLARITIES)[number];
