/**
 * When a related subject is a hit (issue 7): what a bank must hear about the parties around a borrower. A
 * related subject is a hit when a joint punishment measure binds it now, when it is on a blacklist, when it
 * has a serious negative record in force, or when its stored risk class is high. These are defaults; the rules
 * object is what the code reads.
 */
import { RECORD_CATEGORY_CATALOGUE } from '../catalogues/record-categories.ts';
import type { HitReason } from './types.ts';

export interface HitRules {
  /** Stored risk classes that make a related subject a hit on their own (SAMR scale, D = high). */
  riskClasses: readonly string[];
  /** Negative record categories that are lists (blacklists): one active entry is a hit. */
  blacklistCategories: readonly string[];
  /** Other negative categories: an active record of this severity is a hit. */
  negativeCategories: readonly string[];
  seriousSeverity: string;
}

const negative = RECORD_CATEGORY_CATALOGUE.categories.filter((c) => c.polarity === 'negative');

export const DEFAULT_HIT_RULES: Readonly<HitRules> = Object.freeze({
  riskClasses: ['C', 'D'],
  blacklistCategories: negative.filter((c) => c.list === 'blacklist').map((c) => c.id),
  negativeCategories: negative.filter((c) => c.list !== 'blacklist').map((c) => c.id),
  seriousSeverity: 'serious',
});

/** What the adverse-facts query says about one related subject. */
export interface AdverseFacts {
  /** Codes of the punishment measures in force binding it. */
  measureCodes: readonly string[];
  /** Categories of its active blacklist entries. */
  blacklists: readonly string[];
  /** How many serious negative records in force it has (not counting blacklist entries). */
  seriousRecords: number;
  riskClass: string | null;
}

/** The reasons `facts` make a hit, empty when it is not one. */
export function hitReasons(facts: AdverseFacts, rules: HitRules = DEFAULT_HIT_RULES): HitReason[] {
  const reasons: HitReason[] = [];
  if (facts.measureCodes.length > 0) {
    const codes = [...new Set(facts.measureCodes)].sort();
    reasons.push({ code: 'measures_in_force', detail: `bound by ${codes.join(', ')}` });
  }
  if (facts.blacklists.length > 0) {
    const cats = [...new Set(facts.blacklists)].sort();
    reasons.push({ code: 'on_blacklist', detail: cats.join(', ') });
  }
  if (facts.seriousRecords > 0) {
    reasons.push({
      code: 'serious_records',
      detail: `${facts.seriousRecords} serious negative record(s) in force`,
    });
  }
  if (facts.riskClass !== null && rules.riskClasses.includes(facts.riskClass)) {
    reasons.push({ code: 'high_risk_class', detail: `risk class ${facts.riskClass}` });
  }
  return reasons;
}

const WEIGHT: Readonly<Record<HitReason['code'], number>> = {
  measures_in_force: 8,
  on_blacklist: 4,
  serious_records: 2,
  high_risk_class: 1,
};

/** Orders hits nearest first, then by how grave their reasons are, then by id (stable output). */
export function compareHits(
  a: { distance: number; reasons: readonly HitReason[]; subject: { id: string } },
  b: { distance: number; reasons: readonly HitReason[]; subject: { id: string } },
): number {
  const gravity = (r: readonly HitReason[]) => r.reduce((s, x) => s + WEIGHT[x.code], 0);
  return (
    a.distance - b.distance ||
    gravity(b.reasons) - gravity(a.reasons) ||
    a.subject.id.localeCompare(b.subject.id)
  );
}
