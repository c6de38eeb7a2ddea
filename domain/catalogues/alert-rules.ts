/**
 * Alert rules (issue 6; domain.md §6 and §9): what raises an early warning, how serious it is, who receives it
 * and how its message reads in Chinese and English. Like the other catalogues this is data with its sources: a
 * deployment may load its own through `parseAlertRuleCatalogue`; change numbers, sources and `version` together.
 *
 * Audiences: `watchlists` raises one alert per watchlist that watches a subject within the watchlist's depth of
 * the cause (the bank's own inbox, `org` = the watchlist owner's org); `general` raises one alert with no org,
 * for the credit office and regulators. Templates use `{name}` placeholders filled from the alert's parameters
 * (domain/alerts/templates.ts); a placeholder a rule never provides is a configuration error caught at load.
 */
import { z } from 'zod';
import { BOUND_ROLES, type BoundRole } from './measures.ts';
import type { SourceRef } from './record-categories.ts';

export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_RULE_IDS = [
  'serious_record_nearby',
  'key_person_bound',
  'bound_person_new_seat',
  'score_class_crossed',
  'score_jump',
  'guarantee_network_serious_record',
  'new_circular_shareholding',
  'new_professional_nominee',
  'new_shell_cluster',
] as const;
export type AlertRuleId = (typeof ALERT_RULE_IDS)[number];

/** The placeholders each rule's evaluation provides (domain/alerts/evaluate-*.ts); templates may use these only. */
export const RULE_PARAMETERS: Readonly<Record<AlertRuleId, readonly string[]>> = {
  serious_record_nearby: [
    'watchedName',
    'subjectName',
    'recordId',
    'categoryZh',
    'categoryEn',
    'hops',
    'actDate',
  ],
  key_person_bound: ['personName', 'roleZh', 'roleEn', 'subjectName', 'recordId', 'categoryZh', 'categoryEn'],
  bound_person_new_seat: [
    'personName',
    'orgName',
    'seatZh',
    'seatEn',
    'seatFrom',
    'recordId',
    'recordSubjectName',
    'watchedName',
  ],
  score_class_crossed: ['subjectName', 'fromClass', 'toClass', 'fromScore', 'toScore', 'watchedName'],
  score_jump: ['subjectName', 'fromScore', 'toScore', 'delta', 'toClass', 'watchedName'],
  guarantee_network_serious_record: [
    'subjectName',
    'recordId',
    'categoryZh',
    'categoryEn',
    'networkZh',
    'networkEn',
    'networkSize',
    'watchedName',
  ],
  new_circular_shareholding: ['subjectName', 'size', 'strengthPct', 'watchedName'],
  new_professional_nominee: ['personName', 'organisations', 'threshold', 'watchedName'],
  new_shell_cluster: ['subjectName', 'size', 'previousSize', 'reasonZh', 'reasonEn', 'watchedName'],
};

export interface AlertTemplate {
  zh: string;
  en: string;
}

export interface AlertAudiences {
  watchlists: boolean;
  general: boolean;
}

interface RuleBase {
  enabled: boolean;
  severity: AlertSeverity;
  audiences: AlertAudiences;
  template: AlertTemplate;
  sources: readonly SourceRef[];
}

export interface AlertRules {
  serious_record_nearby: RuleBase & {
    /** Record severities that count as serious for this rule. */
    severities: readonly ('minor' | 'general' | 'serious')[];
  };
  key_person_bound: RuleBase & {
    /** Bound roles whose new binding raises the alert (the record's own subject is the other rule's business). */
    roles: readonly BoundRole[];
  };
  bound_person_new_seat: RuleBase & {
    /** Seats that count: legal representative, officer, shareholder from this stake up. */
    minStakePct: number;
  };
  score_class_crossed: RuleBase & {
    /** `worse`: only towards D; `any`: both ways. */
    direction: 'worse' | 'any';
  };
  score_jump: RuleBase & {
    /** Points (0–100 scale) a score must rise by for the alert (falls are good news). */
    minDelta: number;
  };
  guarantee_network_serious_record: RuleBase & {
    severities: readonly ('minor' | 'general' | 'serious')[];
    /** How far the guarantee network around the record's subject is read (GUARANTEE hops). */
    maxHops: number;
    /** Shortest chain that counts, in subjects (a chain of 3 has 2 guarantees). */
    minChainLength: number;
  };
  /** Detector-diff rules (domain/alerts/detector-findings.ts), raised by the sweep after the nightly rescore. */
  new_circular_shareholding: RuleBase & {
    /** Loops with fewer members are ignored (a self-holding has 1). */
    minMembers: number;
  };
  new_professional_nominee: RuleBase & {
    /** Distinct organisations (legal representative or officer seats) a person must newly reach. */
    minOrganisations: number;
  };
  new_shell_cluster: RuleBase & {
    /** Smallest cluster of organisations sharing an address, phone or e-mail that is raised. */
    minSize: number;
    /** A known cluster is raised again when it grows past one of these sizes (ascending). */
    growthSteps: readonly number[];
  };
}

export interface AlertRuleCatalogue {
  version: string;
  reviewedOn: string;
  /** Watchlist depth when none is given: k hops from a watched subject within which causes raise alerts. */
  defaultWatchDepth: number;
  /** Deepest watchlist allowed: beyond 4 hops almost everything is linked (domain/limits.ts maxHops). */
  maxWatchDepth: number;
  /**
   * Subjects read around a record's subject for its guarantee network (jobs/alerts/guarantee.ts). Watched subjects
   * near a cause are found by a shortest-path search in the database, bounded by the watch depth alone.
   */
  maxNeighbourhoodNodes: number;
  rules: AlertRules;
}

const SEED_004 =
  'seed 004 (国务院关于建立完善守信联合激励和失信联合惩戒制度 加快推进社会诚信建设的指导意见, 2016)';
const SEED_001 = 'seed 001 (社会信用体系建设规划纲要 2014–2020)';

export const ALERT_RULE_CATALOGUE: AlertRuleCatalogue = {
  version: '2026-12-1',
  reviewedOn: '2026-12-02',
  defaultWatchDepth: 2,
  maxWatchDepth: 4,
  maxNeighbourhoodNodes: 5000,
  rules: {
    serious_record_nearby: {
      enabled: true,
      severity: 'high',
      // A bank watches its borrowers; the credit office already sees every serious record in its queues.
      audiences: { watchlists: true, general: false },
      severities: ['serious'],
      template: {
        zh: '{subjectName}（距关注主体{watchedName} {hops} 跳）新增严重失信记录：{categoryZh}（{recordId}，行为日{actDate}）',
        en: 'New serious record on {subjectName} ({hops} hop(s) from watched subject {watchedName}): {categoryEn} ({recordId}, act date {actDate})',
      },
      sources: [
        { document: SEED_004, section: 's.17', note: '建立守信激励和失信惩戒预警机制，及时推送预警信息' },
        { document: SEED_001, section: 'ch.4 s.1', note: '信用风险监测预警' },
      ],
    },
    key_person_bound: {
      enabled: true,
      severity: 'high',
      // Per person for the credit office; for a watchlist the record itself is the cause (serious_record_nearby).
      audiences: { watchlists: false, general: true },
      roles: [
        'legal_representative',
        'principal_responsible_person',
        'director_supervisor_senior_manager',
        'responsible_shareholder',
        'actual_controller',
      ],
      template: {
        zh: '{personName}作为{subjectName}的{roleZh}，因{categoryZh}（{recordId}）被纳入联合惩戒',
        en: '{personName}, {roleEn} of {subjectName}, is now bound by joint punishment for {categoryEn} ({recordId})',
      },
      sources: [
        { document: SEED_004, section: 's.15', note: '记入法定代表人、主要负责人和其他有关人员个人信用记录' },
      ],
    },
    bound_person_new_seat: {
      enabled: true,
      severity: 'critical',
      audiences: { watchlists: true, general: true },
      minStakePct: 5,
      template: {
        zh: '受惩戒人员{personName}（因{recordSubjectName}的{recordId}）自{seatFrom}起任{orgName}的{seatZh}（改头换面）',
        en: '{personName}, bound for {recordId} of {recordSubjectName}, holds a new seat as {seatEn} of {orgName} since {seatFrom}',
      },
      sources: [
        {
          document: 'domain.md',
          section: '§6',
          note: '改头换面: a bound person reappearing behind a new company',
        },
        { document: SEED_004, section: 's.10', note: '限制失信主体的法定代表人、主要负责人任职' },
      ],
    },
    score_class_crossed: {
      enabled: true,
      severity: 'medium',
      // Only for watched subjects: whole-graph class changes are the nightly statistics' business.
      audiences: { watchlists: true, general: false },
      direction: 'worse',
      template: {
        zh: '{subjectName}的信用风险分类由{fromClass}类变为{toClass}类（{fromScore}→{toScore}分）',
        en: '{subjectName} moved from risk class {fromClass} to {toClass} (score {fromScore} → {toScore})',
      },
      sources: [{ document: SEED_001, section: 'ch.4', note: '分类监管: SAMR credit-risk classes A–D' }],
    },
    score_jump: {
      enabled: true,
      severity: 'medium',
      audiences: { watchlists: true, general: false },
      minDelta: 15,
      template: {
        zh: '{subjectName}的风险评分上升{delta}分（{fromScore}→{toScore}，{toClass}类）',
        en: '{subjectName} risk score rose by {delta} points ({fromScore} → {toScore}, class {toClass})',
      },
      sources: [
        { document: 'credit-linkage', section: 'risk model', note: 'default threshold, tune per portfolio' },
      ],
    },
    guarantee_network_serious_record: {
      enabled: true,
      severity: 'high',
      audiences: { watchlists: true, general: true },
      severities: ['serious'],
      maxHops: 6,
      minChainLength: 3,
      template: {
        zh: '{networkZh}（{networkSize}家）成员{subjectName}新增严重失信记录：{categoryZh}（{recordId}）',
        en: 'Member {subjectName} of a {networkEn} ({networkSize} subjects) has a new serious record: {categoryEn} ({recordId})',
      },
      sources: [{ document: 'domain.md', section: '§9', note: '担保圈/担保链 (互保, 联保) risk contagion' }],
    },
    new_circular_shareholding: {
      enabled: true,
      severity: 'high',
      audiences: { watchlists: true, general: true },
      minMembers: 2,
      template: {
        zh: '新发现循环持股：{subjectName}等{size}家主体相互持股（环上持股乘积{strengthPct}%）',
        en: 'New circular shareholding: {subjectName} and others, {size} subjects holding each other (stake product round the loop {strengthPct}%)',
      },
      sources: [
        {
          document: 'domain.md',
          section: '§9',
          note: '交叉持股/循环持股: ownership loops hide control and inflate capital',
        },
      ],
    },
    new_professional_nominee: {
      enabled: true,
      severity: 'high',
      audiences: { watchlists: true, general: true },
      minOrganisations: 10,
      template: {
        zh: '{personName}担任{organisations}家企业的法定代表人或董事、监事、高级管理人员，达到职业法人（挂名）阈值{threshold}家',
        en: '{personName} holds legal-representative or officer seats in {organisations} organisations, reaching the professional-nominee threshold of {threshold}',
      },
      sources: [
        {
          document: 'domain.md',
          section: '§9',
          note: 'professional nominees (职业法人/挂名); default 10 seats',
        },
      ],
    },
    new_shell_cluster: {
      enabled: true,
      severity: 'medium',
      audiences: { watchlists: true, general: true },
      // Two firms sharing an office are common; five or more on one contact point is worth a look.
      minSize: 5,
      growthSteps: [10, 20, 50, 100],
      template: {
        zh: '{reasonZh}：{subjectName}等{size}家企业共用地址、电话或邮箱',
        en: '{reasonEn}: {subjectName} and others, {size} organisations sharing an address, phone or e-mail',
      },
      sources: [
        { document: 'domain.md', section: '§9', note: '空壳公司 clusters on shared contact points' },
        { document: 'credit-linkage', section: 'alert rules', note: 'default sizes, tune per region' },
      ],
    },
  },
};

// ---------- loading a deployment's own catalogue ----------

const template = z.object({ zh: z.string().min(1), en: z.string().min(1) });
const base = {
  enabled: z.boolean(),
  severity: z.enum(ALERT_SEVERITIES),
  audiences: z.object({ watchlists: z.boolean(), general: z.boolean() }),
  template,
  sources: z.array(
    z.object({ document: z.string().min(1), section: z.string().min(1), note: z.string().optional() }),
  ),
};
const severities = z.array(z.enum(['minor', 'general', 'serious'])).min(1);

const catalogueSchema = z.object({
  version: z.string().min(1),
  reviewedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  defaultWatchDepth: z.number().int().min(0).max(4),
  maxWatchDepth: z.number().int().min(0).max(4),
  maxNeighbourhoodNodes: z.number().int().min(10).max(100_000),
  rules: z.object({
    serious_record_nearby: z.object({ ...base, severities }),
    key_person_bound: z.object({ ...base, roles: z.array(z.enum(BOUND_ROLES)).min(1) }),
    bound_person_new_seat: z.object({ ...base, minStakePct: z.number().min(0).max(100) }),
    score_class_crossed: z.object({ ...base, direction: z.enum(['worse', 'any']) }),
    score_jump: z.object({ ...base, minDelta: z.number().gt(0).max(100) }),
    guarantee_network_serious_record: z.object({
      ...base,
      severities,
      maxHops: z.number().int().min(1).max(10),
      minChainLength: z.number().int().min(2).max(50),
    }),
    new_circular_shareholding: z.object({ ...base, minMembers: z.number().int().min(1).max(1000) }),
    new_professional_nominee: z.object({ ...base, minOrganisations: z.number().int().min(2).max(10_000) }),
    new_shell_cluster: z.object({
      ...base,
      minSize: z.number().int().min(2).max(10_000),
      growthSteps: z
        .array(z.number().int().min(2))
        .refine((a) => a.every((v, i) => i === 0 || v > a[i - 1]!), 'must be ascending'),
    }),
  }),
});

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** Placeholders of a template that the rule does not provide (a misspelt `{subjetName}` would print as is). */
export function unknownPlaceholders(rule: AlertRuleId, text: string): string[] {
  const known = new Set(RULE_PARAMETERS[rule]);
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((p) => !known.has(p));
}

export type CatalogueResult =
  | { ok: true; catalogue: AlertRuleCatalogue }
  | { ok: false; errors: Array<{ field: string; reason: string }> };

/** Validates a deployment's alert-rule catalogue (JSON), including every template's placeholders. */
export function parseAlertRuleCatalogue(input: unknown): CatalogueResult {
  const parsed = catalogueSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), reason: i.message })),
    };
  }
  const catalogue = parsed.data as AlertRuleCatalogue;
  const errors: Array<{ field: string; reason: string }> = [];
  if (catalogue.defaultWatchDepth > catalogue.maxWatchDepth)
    errors.push({ field: 'defaultWatchDepth', reason: 'must not exceed maxWatchDepth' });
  for (const id of ALERT_RULE_IDS) {
    for (const lang of ['zh', 'en'] as const) {
      const bad = unknownPlaceholders(id, catalogue.rules[id].template[lang]);
      if (bad.length > 0)
        errors.push({
          field: `rules.${id}.template.${lang}`,
          reason: `unknown placeholder(s) ${bad.map((b) => `{${b}}`).join(', ')}; allowed: ${RULE_PARAMETERS[id].join(', ')}`,
        });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, catalogue };
}
