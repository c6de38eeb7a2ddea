/**
 * Name matching for screening (issue 7): a bank types or uploads a borrower's name as it appears on a loan file;
 * the graph holds the registered name. Both come from different hands, so the comparison folds what does not
 * change identity (full-width characters, spaces, brackets, punctuation, letter case), then compares the
 * distinctive part of the name (without the legal-form suffix such as 有限公司) and the character bigrams of the
 * whole. The score is 0–1 and every point of it is explained by a reason, because a bank must be able to say
 * why a borrower was (or was not) taken to be a listed subject.
 */
import { toHalfWidth } from '../identifiers/normalise.ts';

/** Legal-form suffixes, longest first so that 股份有限公司 is stripped whole rather than as 有限公司. */
export const LEGAL_FORM_SUFFIXES: readonly string[] = [
  '股份有限公司',
  '有限责任公司',
  '农民专业合作社',
  '专业合作社',
  '有限公司',
  '合伙企业',
  '个人独资企业',
  '分公司',
  '合作社',
  '集团',
  '公司',
  '厂',
  '店',
  'co.,ltd.',
  'co.,ltd',
  'co.ltd',
  'coltd',
  'limited',
  'ltd',
  'inc',
].sort((a, b) => b.length - a.length);

/** Scores at and above which a name is taken as the same subject, or offered as a possible one. */
export interface NameMatchThresholds {
  /** Best candidate at or above this is a name match. */
  match: number;
  /** Candidates at or above this are listed as possible matches. */
  candidate: number;
  /** A second candidate within this distance of the best makes the match ambiguous. */
  ambiguityMargin: number;
}

export const DEFAULT_NAME_THRESHOLDS: Readonly<NameMatchThresholds> = Object.freeze({
  match: 0.9,
  candidate: 0.6,
  ambiguityMargin: 0.02,
});

export type NameReasonCode =
  | 'name_identical'
  | 'name_equal_after_normalising'
  | 'core_name_equal'
  | 'legal_form_differs'
  | 'one_name_contains_the_other'
  | 'bigram_similarity';

export interface NameReason {
  code: NameReasonCode;
  /** Human-readable detail (what differed, the similarity value). */
  detail: string;
}

export interface NameScore {
  score: number;
  reasons: NameReason[];
}

/** Brackets and punctuation that vary between sources (（深圳）vs (深圳), 有限公司。). */
const FOLDED = /[\s()（）[\]【】{}<>《》〈〉「」『』"'“”‘’`·・.,，。、:：;；!！?？\-—_~/\\|&＆]/g;

/** Folds case, width, brackets, punctuation and whitespace: what two typists would write differently. */
export function normaliseName(name: string): string {
  return toHalfWidth(name).normalize('NFC').toLowerCase().replace(FOLDED, '');
}

/** The normalised name without its legal-form suffix (the distinctive part). */
export function coreName(normalised: string): { core: string; suffix: string } {
  for (const suffix of LEGAL_FORM_SUFFIXES) {
    const s = suffix.replace(FOLDED, '');
    if (normalised.length > s.length && normalised.endsWith(s)) {
      return { core: normalised.slice(0, -s.length), suffix: s };
    }
  }
  return { core: normalised, suffix: '' };
}

/** Character bigrams (a one-character string is its own unigram), as a multiset. */
function bigrams(text: string): Map<string, number> {
  const chars = [...text];
  const out = new Map<string, number>();
  if (chars.length === 1) out.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Sørensen–Dice coefficient over character bigrams, 0–1. */
export function bigramDice(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a === b) return 1;
  const ga = bigrams(a);
  const gb = bigrams(b);
  let shared = 0;
  let total = 0;
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  return total === 0 ? 0 : (2 * shared) / total;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * How well a queried name matches a registered one. Rules, strongest first:
 * identical text 1.0; equal after folding 0.98; same distinctive part with a different legal form 0.92;
 * otherwise the bigram similarity of the distinctive parts (and of the whole, whichever is higher), with a
 * small lift when one name contains the other (a branch or a shortened name), never above 0.89 so that only
 * the rules above reach a match on their own.
 */
export function scoreName(query: string, candidate: string): NameScore {
  if (query === candidate) {
    return { score: 1, reasons: [{ code: 'name_identical', detail: 'the names are identical' }] };
  }
  const q = normaliseName(query);
  const c = normaliseName(candidate);
  if (q.length === 0 || c.length === 0) return { score: 0, reasons: [] };
  if (q === c) {
    return {
      score: 0.98,
      reasons: [
        {
          code: 'name_equal_after_normalising',
          detail: 'equal once case, full-width characters, brackets, punctuation and spaces are ignored',
        },
      ],
    };
  }
  const qc = coreName(q);
  const cc = coreName(c);
  if (qc.core === cc.core && qc.core.length >= 2) {
    return {
      score: 0.92,
      reasons: [
        { code: 'core_name_equal', detail: `the distinctive part "${qc.core}" is the same` },
        {
          code: 'legal_form_differs',
          detail: `legal form "${qc.suffix || '(none)'}" vs "${cc.suffix || '(none)'}"`,
        },
      ],
    };
  }
  const reasons: NameReason[] = [];
  const similarity = Math.max(bigramDice(qc.core, cc.core), bigramDice(q, c));
  let score = similarity;
  if (qc.core.length >= 2 && cc.core.length >= 2 && (c.includes(qc.core) || q.includes(cc.core))) {
    reasons.push({
      code: 'one_name_contains_the_other',
      detail: 'one name contains the distinctive part of the other (a branch or a shortened name?)',
    });
    score = Math.max(score, 0.6 + 0.25 * similarity);
  }
  score = round3(Math.min(score, 0.89));
  reasons.push({ code: 'bigram_similarity', detail: `character-pair similarity ${round3(similarity)}` });
  return { score, reasons };
}

/** A Lucene special character or a boolean operator word, both taken literally once escaped. */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * A full-text query that finds names sharing any character pair with the given one (terms OR-ed, so a missing
 * or extra character still finds the subject); every Lucene special character is escaped and operator words
 * are lower-cased, so user text is never read as query syntax. Null when nothing searchable is left.
 */
export function nameSearchQuery(name: string): string | null {
  const text = toHalfWidth(name)
    .replace(LUCENE_SPECIAL, ' ')
    .replace(/\b(AND|OR|NOT|TO)\b/g, (w) => w.toLowerCase())
    .replace(/\s+/g, ' ')
    .trim();
  return text.length === 0 ? null : text;
}
