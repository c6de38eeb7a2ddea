/**
 * Catalogue of credit-record categories: the rules of domain.md §5 as data. Every number is a default that a
 * deployment may override (load a JSON catalogue through `parseRecordCategoryCatalogue`), so each entry carries
 * its sources; when a rule changes, edit the numbers and the sources together and bump `version`.
 */
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import {
  POLARITIES,
  type Polarity,
  RECORD_CATEGORY_IDS,
  type RecordCategoryId,
  SEVERITIES,
  type Severity,
} from '../vocabulary.ts';

/** A length of time counted in calendar years and months (added with end-of-month clamping). */
export interface Period {
  years?: number;
  months?: number;
}

/** Where a rule comes from: a seed document and its section, or a national rule named in domain.md §5. */
export interface SourceRef {
  document: string;
  section: string;
  /** What the section says that the entry relies on, in the source language where it matters. */
  note?: string;
}

export type PublicationRule =
  | { published: false }
  /** `max: null` means no fixed end: the record stays until its exit rule (fulfilment, removal, re-rating). */
  | { published: true; min: Period; max: Period | null };

export interface RecordCategory {
  id: RecordCategoryId;
  zh: string;
  en: string;
  polarity: Polarity;
  /** List membership (blacklist / red list) rather than a single decision; lists have entry and exit rules. */
  list: 'blacklist' | 'redlist' | null;
  severities: readonly Severity[];
  /** Deadline to publish the decision, counted from the decision date; null when no deadline applies. */
  disclosureDeadline: { workingDays: number } | null;
  /** Publication window per allowed severity, counted from the decision date. */
  publication: Partial<Record<Severity, PublicationRule>>;
  /** Court lists may be extended by a further period within these bounds. */
  extension?: { min: Period; max: Period };
  /** Staying on this list for `after` moves the subject to another list (SAIC abnormal-operation rule). */
  escalation?: { after: Period; to: RecordCategoryId };
  /** How long negative information is kept after the act ends; null for positive and neutral records. */
  retention: { period: Period; from: 'end_of_act' } | null;
  /** Earliest a subject may apply for repair, per severity; `{}` = at once (e.g. on fulfilment); null = n/a. */
  repairMinPeriod: Partial<Record<Severity, Period | null>>;
  sources: readonly SourceRef[];
}

export interface RecordCategoryCatalogue {
  /** Date the rules were last reviewed against their sources, `YYYY-MM-DD`. */
  version: string;
  categories: readonly RecordCategory[];
}

const SEED_001 = 'seeds/001 广东省社会信用体系建设规划（2014—2020年）(粤府〔2014〕45号)';
const SEED_002 = 'seeds/002 梧州市关于贯彻落实社会信用体系建设规划纲要的实施意见 (梧政发〔2016〕46号)';
const SEED_004 = 'seeds/004 揭阳市建立完善守信联合激励和失信联合惩戒制度的实施方案 (揭府〔2017〕34号)';
const NDRC_REPAIR = 'NDRC 失信行为纠正后的信用信息修复管理办法 (2021 trial / 2023) — domain.md §5';
const SPC_2017 = 'SPC 最高人民法院关于公布失信被执行人名单信息的若干规定 (2017) — domain.md §5';
const SPC_2015 = 'SPC 最高人民法院关于限制被执行人高消费及有关消费的若干规定 (2015) — domain.md §5';
const SAIC_ABNORMAL = 'SAIC 企业经营异常名录管理暂行办法 (2014) — domain.md §5';
const CREDIT_REPORTING = '征信业管理条例 Credit Reporting Industry Regulations (2013) art. 16 — domain.md §5';

const DISCLOSURE_SOURCE: SourceRef = {
  document: SEED_004,
  section: '(十六)',
  note: '行政许可和行政处罚等信用信息要在行政决定之日起7个工作日内…公开 (双公示)',
};
const RETENTION_SOURCE: SourceRef = {
  document: CREDIT_REPORTING,
  section: 'art. 16',
  note: '不良信息的保存期限，自不良行为或者事件终止之日起为5年',
};
const REPAIR_SOURCE: SourceRef = {
  document: SEED_004,
  section: '(二十)',
  note: '对在规定期限内纠正失信行为、消除不良影响的信用主体，不再作为联合惩戒对象',
};
const LIST_EXIT_SOURCE: SourceRef = { document: SEED_004, section: '(十九)', note: '红黑名单…建立退出机制' };
const SERIOUS_DISHONESTY_SOURCE: SourceRef = {
  document: SEED_004,
  section: '(九)',
  note: '四类严重失信行为 (health and safety; fair competition and order; refusing legal obligations; national defence)',
};

const NEGATIVE_RETENTION = { period: { years: 5 }, from: 'end_of_act' } as const;
/** NDRC repair rules: the serious-dishonesty window applies to serious lists by default. */
const SERIOUS_WINDOW: PublicationRule = { published: true, min: { years: 1 }, max: { years: 3 } };
const UNTIL_EXIT: PublicationRule = { published: true, min: {}, max: null };

const blacklist = (
  id: RecordCategoryId,
  zh: string,
  en: string,
  domainSource: SourceRef,
): RecordCategory => ({
  id,
  zh,
  en,
  polarity: 'negative',
  list: 'blacklist',
  severities: ['serious'],
  disclosureDeadline: null,
  publication: { serious: SERIOUS_WINDOW },
  retention: NEGATIVE_RETENTION,
  repairMinPeriod: { serious: { years: 1 } },
  sources: [
    domainSource,
    SERIOUS_DISHONESTY_SOURCE,
    {
      document: NDRC_REPAIR,
      section: 'publication periods',
      note: 'serious: min 1 year, max 3 years (default)',
    },
    LIST_EXIT_SOURCE,
    RETENTION_SOURCE,
  ],
});

export const RECORD_CATEGORY_CATALOGUE: RecordCategoryCatalogue = {
  version: '2026-11-01',
  categories: [
    {
      id: 'administrative_penalty',
      zh: '行政处罚',
      en: 'administrative penalty',
      polarity: 'negative',
      list: null,
      severities: ['minor', 'general', 'serious'],
      disclosureDeadline: { workingDays: 7 },
      publication: {
        minor: { published: false },
        general: { published: true, min: { months: 3 }, max: { years: 1 } },
        serious: { published: true, min: { years: 1 }, max: { years: 3 } },
      },
      retention: NEGATIVE_RETENTION,
      // Repair may be requested once the minimum publication period has passed.
      repairMinPeriod: { minor: null, general: { months: 3 }, serious: { years: 1 } },
      sources: [
        DISCLOSURE_SOURCE,
        {
          document: NDRC_REPAIR,
          section: 'publication periods',
          note: 'minor not published; general min 3 months / max 1 year; serious min 1 year / max 3 years',
        },
        REPAIR_SOURCE,
        RETENTION_SOURCE,
      ],
    },
    {
      id: 'administrative_licence',
      zh: '行政许可',
      en: 'administrative licence',
      polarity: 'neutral',
      list: null,
      severities: ['general'],
      disclosureDeadline: { workingDays: 7 },
      // Published for as long as the licence stands; revocation or expiry ends it.
      publication: { general: UNTIL_EXIT },
      retention: null,
      repairMinPeriod: { general: null },
      sources: [DISCLOSURE_SOURCE],
    },
    {
      id: 'dishonest_judgment_debtor',
      zh: '失信被执行人',
      en: 'dishonest judgment debtor',
      polarity: 'negative',
      list: 'blacklist',
      severities: ['serious'],
      disclosureDeadline: null,
      // Listed normally for 2 years; removed earlier once the obligation is fulfilled, hence min 0.
      publication: { serious: { published: true, min: {}, max: { years: 2 } } },
      extension: { min: { years: 1 }, max: { years: 3 } },
      retention: NEGATIVE_RETENTION,
      repairMinPeriod: { serious: {} },
      sources: [
        {
          document: SPC_2017,
          section: 'listing period; removal',
          note: 'listing normally 2 years, extendable 1–3 years; removed when the obligation is fulfilled',
        },
        { document: SEED_004, section: '(十一)', note: '将各级法院发布的失信被执行人名单纳入…联合惩戒范围' },
        { document: SEED_002, section: '司法公信建设', note: '向社会公布失信被执行人名单' },
        RETENTION_SOURCE,
      ],
    },
    {
      id: 'high_consumption_restriction',
      zh: '限制高消费',
      en: 'high-consumption restriction',
      polarity: 'negative',
      list: null,
      severities: ['serious'],
      disclosureDeadline: null,
      // The order stands until the court lifts it (obligation fulfilled or secured).
      publication: { serious: UNTIL_EXIT },
      retention: NEGATIVE_RETENTION,
      repairMinPeriod: { serious: {} },
      sources: [
        {
          document: SPC_2015,
          section: 'art. 3',
          note: 'binds the unit and its legal representative, principal responsible person, directly responsible persons and actual controller',
        },
        { document: SEED_004, section: '(十)', note: '限制…乘坐飞机、高铁…高消费 (measures on persons)' },
        RETENTION_SOURCE,
      ],
    },
    {
      id: 'major_tax_violation',
      zh: '重大税收违法失信主体',
      en: 'major tax violation',
      polarity: 'negative',
      list: 'blacklist',
      severities: ['serious'],
      disclosureDeadline: null,
      publication: { serious: SERIOUS_WINDOW },
      retention: NEGATIVE_RETENTION,
      repairMinPeriod: { serious: { years: 1 } },
      sources: [
        {
          document: SEED_001,
          section: '第四章 第五节 税务领域诚信建设',
          note: '纳税信用…按规定及时对纳税人的欠税情况进行公告',
        },
        { document: SEED_004, section: '(九)', note: '逃税骗税、大额欠税(费)' },
        {
          document: NDRC_REPAIR,
          section: 'publication periods',
          note: 'serious: min 1 year, max 3 years (default)',
        },
        RETENTION_SOURCE,
      ],
    },
    {
      id: 'abnormal_operation',
      zh: '经营异常名录',
      en: 'abnormal-operation list',
      polarity: 'negative',
      list: 'blacklist',
      severities: ['general'],
      disclosureDeadline: null,
      // Removed as soon as the enterprise corrects (files its report, is reachable at its address).
      publication: { general: { published: true, min: {}, max: { years: 3 } } },
      escalation: { after: { years: 3 }, to: 'serious_dishonesty_list' },
      retention: NEGATIVE_RETENTION,
      repairMinPeriod: { general: {} },
      sources: [
        {
          document: SAIC_ABNORMAL,
          section: 'removal; escalation',
          note: 'listed 3 years without correcting → serious illegal and dishonest enterprise list',
        },
        {
          document: SEED_001,
          section: '第四章 商务诚信建设',
          note: 'enterprise credit files and classified supervision',
        },
        RETENTION_SOURCE,
      ],
    },
    {
      id: 'serious_dishonesty_list',
      zh: '严重失信主体名单',
      en: 'serious-dishonesty list',
      polarity: 'negative',
      list: 'blacklist',
      severities: ['serious'],
      disclosureDeadline: null,
      publication: { serious: SERIOUS_WINDOW },
      retention: NEGATIVE_RETENTION,
      repairMinPeriod: { serious: { years: 1 } },
      sources: [
        SERIOUS_DISHONESTY_SOURCE,
        { document: SEED_004, section: '(十)', note: '在2017年底前建立失信"黑名单"' },
        {
          document: NDRC_REPAIR,
          section: 'publication periods',
          note: 'serious: min 1 year, max 3 years (default)',
        },
        LIST_EXIT_SOURCE,
        RETENTION_SOURCE,
      ],
    },
    blacklist('blacklist_food_drug', '食品药品领域黑名单', 'food and drug blacklist', {
      document: SEED_001,
      section: '第四章 第三节 食品药品安全领域诚信建设',
    }),
    blacklist('blacklist_labour', '劳动保障领域黑名单', 'labour blacklist', {
      document: SEED_001,
      section: '第五章 第三节 劳动用工领域诚信建设',
      note: '建立完善重大劳动保障违法行为公示制度和"黑名单"制度',
    }),
    blacklist('blacklist_environment', '环境保护领域黑名单', 'environment blacklist', {
      document: SEED_001,
      section: '第五章 第六节 低碳节能与环保领域诚信建设',
      note: '信用评价、分类监管和"黑名单"制度',
    }),
    blacklist('blacklist_safety', '安全生产领域黑名单', 'work-safety blacklist', {
      document: SEED_001,
      section: '第四章 第一节 生产领域诚信建设',
    }),
    blacklist('blacklist_procurement', '政府采购领域黑名单', 'public-procurement blacklist', {
      document: SEED_001,
      section: '第四章 第八节 政府采购和招投标领域诚信建设',
      note: '不良信用记录公示',
    }),
    blacklist('blacklist_online', '互联网领域黑名单', 'online-services blacklist', {
      document: SEED_001,
      section: '第五章 第九节 互联网应用及服务领域诚信建设',
    }),
    {
      id: 'red_list',
      zh: '守信红名单',
      en: 'red list',
      polarity: 'positive',
      list: 'redlist',
      severities: ['general'],
      disclosureDeadline: null,
      publication: { general: UNTIL_EXIT },
      retention: null,
      repairMinPeriod: { general: null },
      sources: [
        { document: SEED_004, section: '(三)', note: '在2017年底前建立诚信"红名单"' },
        { document: SEED_004, section: '(四)', note: '绿色通道, 容缺受理' },
        LIST_EXIT_SOURCE,
      ],
    },
    {
      id: 'a_level_taxpayer',
      zh: '纳税信用A级纳税人',
      en: 'A-level taxpayer',
      polarity: 'positive',
      list: 'redlist',
      severities: ['general'],
      disclosureDeadline: null,
      // The tax credit rating is re-evaluated every year, so an A rating speaks for one year.
      publication: { general: { published: true, min: {}, max: { years: 1 } } },
      retention: null,
      repairMinPeriod: { general: null },
      sources: [
        { document: SEED_004, section: '(三)–(四)', note: 'incentives for credit-worthy subjects' },
        { document: SEED_002, section: '税务领域信用建设', note: '组织开展年度纳税信用评价' },
        {
          document: SEED_001,
          section: '第四章 第五节 税务领域诚信建设',
          note: '完善纳税信用等级评定管理办法',
        },
      ],
    },
    {
      id: 'honour',
      zh: '荣誉称号',
      en: 'honour',
      polarity: 'positive',
      list: null,
      severities: ['general'],
      disclosureDeadline: null,
      publication: { general: UNTIL_EXIT },
      retention: null,
      repairMinPeriod: { general: null },
      sources: [
        { document: SEED_004, section: '(三)', note: '树立诚信典型' },
        { document: SEED_004, section: '(十)', note: '及时撤销严重失信企业…的荣誉称号 (revocation)' },
      ],
    },
    {
      id: 'credit_commitment',
      zh: '信用承诺',
      en: 'credit commitment',
      polarity: 'neutral',
      list: null,
      severities: ['general'],
      disclosureDeadline: null,
      // A commitment is a promise, not a judgement; breaking it produces its own negative record.
      publication: { general: UNTIL_EXIT },
      retention: null,
      repairMinPeriod: { general: null },
      sources: [
        { document: SEED_004, section: '(三)', note: '推行企业主动承诺制度…实行公开承诺' },
        { document: SEED_004, section: '(四)', note: '书面承诺在规定期限内提供…先行受理 (容缺受理)' },
      ],
    },
  ],
};

export type CatalogueLookup =
  | { ok: true; category: RecordCategory }
  | { ok: false; code: 'UNKNOWN_CATEGORY'; message: string };

export const findCategory = (catalogue: RecordCategoryCatalogue, id: string): CatalogueLookup => {
  const category = catalogue.categories.find((c) => c.id === id);
  if (category) return { ok: true, category };
  return {
    ok: false,
    code: 'UNKNOWN_CATEGORY',
    message: `unknown category ${JSON.stringify(id)}; catalogue ${catalogue.version} has: ${catalogue.categories.map((c) => c.id).join(', ')}`,
  };
};

/** For callers that hold an id the import already validated. */
export const getCategory = (catalogue: RecordCategoryCatalogue, id: RecordCategoryId): RecordCategory => {
  const found = findCategory(catalogue, id);
  if (!found.ok) throw new DomainError(found.code, found.message);
  return found.category;
};

const periodSchema = z
  .object({ years: z.number().int().min(0).optional(), months: z.number().int().min(0).optional() })
  .strict();
const sourceSchema = z
  .object({ document: z.string().min(1), section: z.string().min(1), note: z.string().optional() })
  .strict();
const publicationRuleSchema = z.union([
  z.object({ published: z.literal(false) }).strict(),
  z.object({ published: z.literal(true), min: periodSchema, max: periodSchema.nullable() }).strict(),
]);
const bySeverity = <T extends z.ZodType>(schema: T) =>
  z.object({ minor: schema.optional(), general: schema.optional(), serious: schema.optional() }).strict();

const categorySchema = z
  .object({
    id: z.enum(RECORD_CATEGORY_IDS),
    zh: z.string().min(1),
    en: z.string().min(1),
    polarity: z.enum(POLARITIES),
    list: z.enum(['blacklist', 'redlist']).nullable(),
    severities: z.array(z.enum(SEVERITIES)).min(1),
    disclosureDeadline: z
      .object({ workingDays: z.number().int().min(0) })
      .strict()
      .nullable(),
    publication: bySeverity(publicationRuleSchema),
    extension: z.object({ min: periodSchema, max: periodSchema }).strict().optional(),
    escalation: z
      .object({ after: periodSchema, to: z.enum(RECORD_CATEGORY_IDS) })
      .strict()
      .optional(),
    retention: z
      .object({ period: periodSchema, from: z.literal('end_of_act') })
      .strict()
      .nullable(),
    repairMinPeriod: bySeverity(periodSchema.nullable()),
    sources: z.array(sourceSchema).min(1, 'every category must cite at least one source'),
  })
  .strict()
  .superRefine((category, ctx) => {
    for (const severity of category.severities) {
      if (!category.publication[severity]) {
        ctx.addIssue({
          code: 'custom',
          path: ['publication', severity],
          message: `severity ${severity} is allowed but has no publication rule`,
        });
      }
    }
  });

const catalogueSchema = z
  .object({
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'version must be a review date, YYYY-MM-DD'),
    categories: z.array(categorySchema),
  })
  .strict()
  .superRefine((catalogue, ctx) => {
    const seen = new Set<string>();
    catalogue.categories.forEach((category, i) => {
      if (seen.has(category.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories', i, 'id'],
          message: `duplicate category ${category.id}`,
        });
      }
      seen.add(category.id);
    });
  });

export type CatalogueParseResult =
  | { ok: true; catalogue: RecordCategoryCatalogue }
  | { ok: false; code: 'CATALOGUE_INVALID'; message: string };

/** Validates a catalogue loaded from configuration, so a bad override fails at start-up, not mid-import. */
export const parseRecordCategoryCatalogue = (input: unknown): CatalogueParseResult => {
  const parsed = catalogueSchema.safeParse(input);
  if (parsed.success) return { ok: true, catalogue: parsed.data };
  const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return {
    ok: false,
    code: 'CATALOGUE_INVALID',
    message: `invalid record-category catalogue: ${detail.join('; ')}`,
  };
};
