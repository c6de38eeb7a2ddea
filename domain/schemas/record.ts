/** Record rows: one credit record (penalty, listing, licence, honour…) about one subject (domain.md §5). */
import { z } from 'zod';
import { findCategory, type RecordCategory } from '../catalogues/record-categories.ts';
import { publicationWindow } from '../dates/publication-window.ts';
import { quote } from '../errors.ts';
import { parseSubjectRef, type SubjectRef } from '../identifiers/subject-ref.ts';
import { LIMITS } from '../limits.ts';
import {
  type IsoDate,
  RECORD_STATUSES,
  type RecordCategoryId,
  type RecordStatus,
  SEVERITIES,
  type Severity,
} from '../vocabulary.ts';
import { ALWAYS, cleanRow, isIsoDateValue, type ValidationContext } from './context.ts';
import { choice, date, humanise, identifierText, rawText, text, version } from './fields.ts';

export interface RecordInput {
  kind: 'record';
  /** The record's stable id in its source system; re-importing the same id updates it. */
  id: string;
  subject: SubjectRef;
  category: RecordCategoryId;
  severity: Severity;
  authority: string;
  actDate: IsoDate;
  decisionDate: IsoDate;
  legalBasis?: string;
  title?: string;
  /** Null when the category does not publish this severity (minor penalties). */
  publicationFrom: IsoDate | null;
  /** Exclusive end; null when the record is published until an exit rule ends it. */
  publicationTo: IsoDate | null;
  status: RecordStatus;
  source?: string;
  version?: number;
}

const SEVERITY_ALIASES: Readonly<Record<string, Severity>> = {
  轻微: 'minor',
  一般: 'general',
  严重: 'serious',
};
const STATUS_ALIASES: Readonly<Record<string, RecordStatus>> = {
  有效: 'active',
  异议中: 'under_objection',
  已修复: 'repaired',
  已过期: 'expired',
  已撤销: 'revoked',
};

/** When the category allows a single severity (every list does), the column may be left empty. */
const defaultSeverity = (category: RecordCategory): Severity | undefined =>
  category.severities.length === 1 ? category.severities[0] : undefined;

/** Every field a record row may carry; anything else is reported as unknown (a misspelt column). */
export const RECORD_ROW_FIELDS = [
  'kind',
  'id',
  'subject',
  'category',
  'severity',
  'authority',
  'actDate',
  'decisionDate',
  'legalBasis',
  'title',
  'publicationFrom',
  'publicationTo',
  'status',
  'source',
  'version',
] as const;

export const createRecordRowSchema = (ctx: ValidationContext) => {
  const today = () => ctx.today;
  const category = rawText(64).transform((v, issue): RecordCategory => {
    const found = findCategory(ctx.catalogue, v.trim().toLowerCase());
    if (!found.ok) {
      issue.addIssue({ code: 'custom', message: found.message });
      return z.NEVER;
    }
    return found.category;
  });
  const subject = rawText(LIMITS.maxIdLength + 16).transform((v, issue): SubjectRef => {
    const parsed = parseSubjectRef(v, { today: ctx.today });
    if (!parsed.ok) {
      issue.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.ref;
  });

  const fields = {
    kind: z.literal('record', { error: humanise }),
    id: identifierText(),
    subject,
    category,
    severity: choice(SEVERITIES, SEVERITY_ALIASES).optional(),
    authority: text(LIMITS.maxNameLength),
    actDate: date({ label: 'actDate', notAfter: today }),
    decisionDate: date({ label: 'decisionDate', notAfter: today }),
    legalBasis: text(LIMITS.maxTextLength).optional(),
    title: text(LIMITS.maxTextLength).optional(),
    publicationFrom: date({ label: 'publicationFrom' }).optional(),
    publicationTo: date({ label: 'publicationTo' }).optional(),
    status: choice(RECORD_STATUSES, STATUS_ALIASES).optional(),
    source: text(LIMITS.maxSourceLength).optional(),
    version: version().optional(),
  } satisfies Record<(typeof RECORD_ROW_FIELDS)[number], z.ZodType>;
  const shape = z
    .strictObject(fields, { error: humanise })
    .superRefine((row, issues) => {
      const cat = typeof row.category === 'object' && 'severities' in row.category ? row.category : undefined;
      if (cat) {
        const severity = SEVERITIES.includes(row.severity as Severity) ? row.severity : undefined;
        if (row.severity === undefined && defaultSeverity(cat) === undefined) {
          issues.addIssue({
            code: 'custom',
            path: ['severity'],
            message: `is required for ${cat.id}: one of ${cat.severities.join(', ')}`,
          });
        } else if (severity !== undefined && !cat.severities.includes(severity)) {
          issues.addIssue({
            code: 'custom',
            path: ['severity'],
            message: `${quote(severity)} is not a severity of ${cat.id}; allowed: ${cat.severities.join(', ')}`,
          });
        }
      }
      if (isIsoDateValue(row.actDate) && isIsoDateValue(row.decisionDate) && row.decisionDate < row.actDate) {
        issues.addIssue({
          code: 'custom',
          path: ['decisionDate'],
          message: `decisionDate ${row.decisionDate} is before actDate ${row.actDate}; a decision cannot precede the act`,
        });
      }
      if (
        isIsoDateValue(row.publicationFrom) &&
        isIsoDateValue(row.publicationTo) &&
        row.publicationTo < row.publicationFrom
      ) {
        issues.addIssue({
          code: 'custom',
          path: ['publicationTo'],
          message: `publicationTo ${row.publicationTo} is before publicationFrom ${row.publicationFrom}`,
        });
      }
    }, ALWAYS)
    .transform((row): RecordInput => {
      const { category: cat, severity: givenSeverity, publicationFrom, publicationTo, status, ...rest } = row;
      // The check above guarantees one of the two.
      const severity = givenSeverity ?? defaultSeverity(cat) ?? 'general';
      const window = publicationWindow(cat, severity, row.decisionDate);
      return {
        ...rest,
        category: cat.id,
        severity,
        publicationFrom: publicationFrom ?? window?.from ?? null,
        publicationTo: publicationTo ?? window?.maxUntil ?? null,
        status: status ?? 'active',
      };
    });
  return z.preprocess(cleanRow, shape);
};
