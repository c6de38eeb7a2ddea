/** Relation rows: one dated relationship between two subjects (domain.md §4). */
import { z } from 'zod';
import { parseSubjectRef, type SubjectRef, type SubjectRefOptions } from '../identifiers/subject-ref.ts';
import { LIMITS } from '../limits.ts';
import {
  type IsoDate,
  OFFICER_ROLES,
  type OfficerRole,
  RELATION_KINDS,
  type RelationKind,
} from '../vocabulary.ts';
import { ALWAYS, cleanRow, isIsoDateValue, isString, type ValidationContext } from './context.ts';
import { choice, date, humanise, numberIn, rawText, text } from './fields.ts';

export interface RelationInput {
  kind: 'relation';
  type: RelationKind;
  from: SubjectRef;
  to: SubjectRef;
  /** First day the relation holds (inclusive); absent = since an unknown date. */
  validFrom?: IsoDate;
  /** First day it no longer holds (exclusive); absent = still current. */
  validTo?: IsoDate;
  stakePct?: number;
  subscribedAmount?: number;
  role?: OfficerRole;
  amount?: number;
  /** ISO 4217; defaults to CNY on guarantees. */
  currency?: string;
  source?: string;
}

type Party = NonNullable<SubjectRefOptions['expect']> | 'any';

/** Which kind of subject each end must be; "any" where both persons and organisations occur. */
export const RELATION_ENDS: Readonly<Record<RelationKind, { from: Party; to: Party }>> = {
  LEGAL_REP: { from: 'person', to: 'organisation' },
  SHAREHOLDER: { from: 'any', to: 'organisation' },
  OFFICER: { from: 'person', to: 'organisation' },
  ACTUAL_CONTROLLER: { from: 'any', to: 'organisation' },
  GUARANTEE: { from: 'any', to: 'any' },
  BRANCH: { from: 'organisation', to: 'organisation' },
};

/** Fields that belong to one relation type only; on any other type they are an error, not silently dropped. */
const TYPE_SPECIFIC: Readonly<Record<string, RelationKind>> = {
  stakePct: 'SHAREHOLDER',
  subscribedAmount: 'SHAREHOLDER',
  role: 'OFFICER',
  amount: 'GUARANTEE',
  currency: 'GUARANTEE',
};

export const DEFAULT_CURRENCY = 'CNY';

const RELATION_ALIASES: Readonly<Record<string, RelationKind>> = {
  法定代表人: 'LEGAL_REP',
  股东: 'SHAREHOLDER',
  董监高: 'OFFICER',
  实际控制人: 'ACTUAL_CONTROLLER',
  担保: 'GUARANTEE',
  分支机构: 'BRANCH',
};

const ROLE_ALIASES: Readonly<Record<string, OfficerRole>> = {
  董事长: 'chair',
  董事: 'director',
  监事: 'supervisor',
  监事会主席: 'supervisor',
  经理: 'manager',
  总经理: 'manager',
  其他高级管理人员: 'other_senior_manager',
  高级管理人员: 'other_senior_manager',
};

const currency = () =>
  rawText(8).transform((v, ctx): string => {
    const value = v.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `currency must be a 3-letter ISO 4217 code such as CNY, got ${JSON.stringify(v)}`,
      });
      return z.NEVER;
    }
    return value;
  });

const refOptions = (ctx: ValidationContext, party: Party): SubjectRefOptions =>
  party === 'any' ? { today: ctx.today } : { today: ctx.today, expect: party };

/** Every field a relation row may carry; anything else is reported as unknown (a misspelt column). */
export const RELATION_ROW_FIELDS = [
  'kind',
  'type',
  'from',
  'to',
  'validFrom',
  'validTo',
  'stakePct',
  'subscribedAmount',
  'role',
  'amount',
  'currency',
  'source',
] as const;

export const createRelationRowSchema = (ctx: ValidationContext) => {
  const fields = {
    kind: z.literal('relation', { error: humanise }),
    type: choice(RELATION_KINDS, RELATION_ALIASES, 'upper'),
    // Parsed in the object check below, because whether "1101…" is a person or a company depends on `type`.
    from: rawText(LIMITS.maxIdLength + 16),
    to: rawText(LIMITS.maxIdLength + 16),
    validFrom: date({ label: 'validFrom' }).optional(),
    validTo: date({ label: 'validTo' }).optional(),
    stakePct: numberIn({ gt: 0, lte: 100, label: 'stake', percent: true }).optional(),
    subscribedAmount: numberIn({ gte: 0, label: 'subscribed amount' }).optional(),
    role: choice(OFFICER_ROLES, ROLE_ALIASES).optional(),
    amount: numberIn({ gte: 0, label: 'amount' }).optional(),
    currency: currency().optional(),
    source: text(LIMITS.maxSourceLength).optional(),
  } satisfies Record<(typeof RELATION_ROW_FIELDS)[number], z.ZodType>;
  const shape = z
    .strictObject(fields, { error: humanise })
    .superRefine((row, issues) => {
      const type = RELATION_KINDS.includes(row.type) ? row.type : undefined;
      const ends = type ? RELATION_ENDS[type] : { from: 'any' as const, to: 'any' as const };
      const refs: Partial<Record<'from' | 'to', SubjectRef>> = {};
      for (const end of ['from', 'to'] as const) {
        const raw = row[end];
        if (!isString(raw)) continue;
        const parsed = parseSubjectRef(raw, refOptions(ctx, ends[end]));
        if (!parsed.ok) {
          issues.addIssue({ code: 'custom', path: [end], message: parsed.message });
          continue;
        }
        refs[end] = parsed.ref;
        const want = ends[end];
        const is =
          parsed.ref.by === 'uscc' ? 'organisation' : parsed.ref.by === 'idNumber' ? 'person' : 'any';
        if (want !== 'any' && is !== 'any' && want !== is) {
          issues.addIssue({
            code: 'custom',
            path: [end],
            message: `${type} ${end === 'from' ? 'starts at' : 'ends at'} ${want === 'person' ? 'a natural person' : 'an organisation'}, but ${raw.trim()} is ${is === 'person' ? "a person's ID number" : 'a unified social credit code'}`,
          });
        }
      }
      if (refs.from && refs.to && refs.from.by === refs.to.by && refs.from.value === refs.to.value) {
        issues.addIssue({
          code: 'custom',
          path: ['to'],
          message: `from and to are the same subject (${refs.to.value})`,
        });
      }
      if (isIsoDateValue(row.validFrom) && isIsoDateValue(row.validTo) && row.validTo < row.validFrom) {
        issues.addIssue({
          code: 'custom',
          path: ['validTo'],
          message: `validTo ${row.validTo} is before validFrom ${row.validFrom}`,
        });
      }
      if (!type) return;
      for (const [field, owner] of Object.entries(TYPE_SPECIFIC)) {
        if (owner !== type && row[field as keyof typeof row] !== undefined) {
          issues.addIssue({
            code: 'custom',
            path: [field],
            message: `${field} applies only to ${owner} relations, not ${type}`,
          });
        }
      }
      if (type === 'SHAREHOLDER' && row.stakePct === undefined) {
        issues.addIssue({
          code: 'custom',
          path: ['stakePct'],
          message: 'is required for SHAREHOLDER (a percentage > 0 and ≤ 100)',
        });
      }
      if (type === 'OFFICER' && row.role === undefined) {
        issues.addIssue({
          code: 'custom',
          path: ['role'],
          message: `is required for OFFICER: one of ${OFFICER_ROLES.join(', ')}`,
        });
      }
    }, ALWAYS)
    .transform((row): RelationInput => {
      const ends = RELATION_ENDS[row.type];
      // Cannot fail: the check above accepted both ends with the same options.
      const ref = (raw: string, party: Party): SubjectRef => {
        const parsed = parseSubjectRef(raw, refOptions(ctx, party));
        return parsed.ok ? parsed.ref : { by: 'id', value: raw.trim() };
      };
      const { from, to, ...rest } = row;
      const out: RelationInput = { ...rest, from: ref(from, ends.from), to: ref(to, ends.to) };
      if (row.type === 'GUARANTEE' && out.currency === undefined) out.currency = DEFAULT_CURRENCY;
      return out;
    });
  return z.preprocess(cleanRow, shape);
};
