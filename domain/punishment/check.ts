/**
 * Check-before-handling (应查必查, seed 004 s.18): composes the answer a handling officer gets when a subject comes
 * to a scenario (a licence application, a procurement bid). Pure: the caller fetches the subject's inclusions, the
 * relations into it as they stand on `asOf`, the inclusions binding the persons at the other end of those
 * relations, and the reward eligibility; this module decides what applies and explains why (domain.md §8: every
 * negative conclusion must be explainable to the subject).
 *
 * A person bound by a measure who now stands behind another company (改头换面, domain.md §6) makes the measure
 * show for that company too, marked `through_person`, with the full path.
 */
import {
  type Bilingual,
  BOUND_ROLE_LABELS,
  findMeasure,
  MEASURE_CATALOGUE,
  type Measure,
  type MeasureCatalogue,
  type RoleRule,
  SCENARIO_LABELS,
  type Scenario,
} from '../catalogues/measures.ts';
import { findCategory, RECORD_CATEGORY_CATALOGUE } from '../catalogues/record-categories.ts';
import { isActiveOn, isEmptyInterval } from '../dates/intervals.ts';
import type { IsoDate, OfficerRole, Severity } from '../vocabulary.ts';
import type { CleanYearsResult } from './reward-eligibility.ts';
import { relationMatchesRule, stepOf } from './role-resolution.ts';
import type { DatedRelation, Inclusion, PathStep } from './types.ts';

export interface CheckOptions {
  /**
   * Relations through which a bound person's punishments show on the company now behind them. Default: legal
   * representative, any officer, controlling shareholder (≥ 50 %, 公司法 (2023) 第二百六十五条 控股股东) and
   * actual controller.
   */
  relayRules: readonly RoleRule[];
  /** Do not grant rewards to a subject that has a punishment in force against it directly (a default, not in the seeds). */
  withholdRewardsUnderPunishment: boolean;
}

export const DEFAULT_CHECK_OPTIONS: Readonly<CheckOptions> = Object.freeze({
  relayRules: Object.freeze([
    { source: 'relation', relation: 'LEGAL_REP' },
    { source: 'relation', relation: 'OFFICER' },
    { source: 'relation', relation: 'SHAREHOLDER', minStakePct: 50 },
    { source: 'relation', relation: 'ACTUAL_CONTROLLER' },
  ] as const satisfies readonly RoleRule[]),
  withholdRewardsUnderPunishment: true,
});

export interface CheckInput {
  subjectId: string;
  /** The handling scenario; null lists every measure that applies, whatever the scenario (a full profile). */
  scenario: Scenario | null;
  asOf: IsoDate;
  /** Inclusions that bind the subject itself. */
  direct: readonly Inclusion[];
  /** Relations into the subject (legal representative, officers, shareholders, controllers); only those active on `asOf` count. */
  relations: readonly DatedRelation[];
  /** Inclusions binding the subjects at the other end of `relations`. */
  related: readonly Inclusion[];
  rewards?: { threeCleanYears?: CleanYearsResult };
}

export type CheckStatus = 'in_force' | 'suspended';
export type CheckBasis = 'direct' | 'through_person' | 'three_clean_years';

export interface CheckReason {
  inclusionId: string | null;
  status: CheckStatus;
  basis: CheckBasis;
  /** Human-readable steps, in order, in both languages. */
  steps: Bilingual[];
  /** From the person or subject bound to the record's subject, then (through_person) to the checked subject. */
  path: PathStep[];
}

export interface CheckItem {
  measure: Pick<Measure, 'code' | 'name' | 'polarity' | 'department' | 'legalBasis' | 'scenarios'>;
  /** in_force if any reason is in force; suspended if every reason is suspended. */
  status: CheckStatus;
  reasons: CheckReason[];
}

export interface CheckAnswer {
  subjectId: string;
  scenario: Scenario | null;
  asOf: IsoDate;
  catalogueVersion: string;
  punishments: CheckItem[];
  rewards: CheckItem[];
  /** Rewards the subject would have but for a punishment in force, with the reason. */
  withheldRewards: { code: string; reason: Bilingual }[];
}

const SEVERITY_LABELS: Readonly<Record<Severity, Bilingual>> = {
  minor: { zh: '轻微', en: 'minor' },
  general: { zh: '一般', en: 'general' },
  serious: { zh: '严重', en: 'serious' },
};

const OFFICER_LABELS: Readonly<Record<OfficerRole, Bilingual>> = {
  chair: { zh: '董事长', en: 'chair' },
  director: { zh: '董事', en: 'director' },
  supervisor: { zh: '监事', en: 'supervisor' },
  manager: { zh: '经理', en: 'manager' },
  other_senior_manager: { zh: '高级管理人员', en: 'senior manager' },
};

/** What the `from` of a step is to its `to`. */
export const stepLabel = (step: PathStep): Bilingual => {
  switch (step.type) {
    case 'LEGAL_REP':
      return { zh: '法定代表人', en: 'legal representative' };
    case 'OFFICER':
      return step.role ? OFFICER_LABELS[step.role] : { zh: '董事、监事或高级管理人员', en: 'officer' };
    case 'SHAREHOLDER':
      return step.stakePct === undefined
        ? { zh: '股东', en: 'shareholder' }
        : { zh: `股东（持股 ${step.stakePct}%）`, en: `shareholder (${step.stakePct} %)` };
    case 'ACTUAL_CONTROLLER':
      return { zh: '实际控制人', en: 'actual controller' };
    case 'GUARANTEE':
      return { zh: '担保人', en: 'guarantor' };
    case 'BRANCH':
      return { zh: '上级机构', en: 'parent organisation' };
    case 'NAMED_ON_RECORD':
      return { zh: '记录载明的直接责任人员', en: 'person named on the record as directly responsible' };
  }
};

const tenure = (step: PathStep): Bilingual => {
  const from = step.validFrom ?? '?';
  if (step.validTo === null) return { zh: `${from} 起`, en: `since ${from}` };
  return { zh: `${from} 至 ${step.validTo}`, en: `${from} to ${step.validTo}` };
};

const isLive = (inclusion: Inclusion, asOf: IsoDate): boolean =>
  (inclusion.status === 'in_force' || inclusion.status === 'suspended') &&
  inclusion.from <= asOf &&
  (inclusion.to === null || asOf < inclusion.to);

const recordStep = (inclusion: Inclusion): Bilingual => {
  const found = findCategory(RECORD_CATEGORY_CATALOGUE, inclusion.recordCategory);
  const category = found.ok ? found.category : { zh: inclusion.recordCategory, en: inclusion.recordCategory };
  const severity = SEVERITY_LABELS[inclusion.severity];
  return {
    zh: `信用记录 ${inclusion.recordId}：${inclusion.recordSubjectId} 的${category.zh}（${severity.zh}），行为发生日 ${inclusion.actDate}`,
    en: `record ${inclusion.recordId}: ${category.en} (${severity.en}) against ${inclusion.recordSubjectId}, act date ${inclusion.actDate}`,
  };
};

const roleSteps = (inclusion: Inclusion): Bilingual[] => {
  if (inclusion.role === 'subject' || inclusion.via.length === 0) {
    return [
      {
        zh: `${inclusion.subjectId} 是该记录的主体`,
        en: `${inclusion.subjectId} is the subject of the record`,
      },
    ];
  }
  return inclusion.via.map((step) => {
    const label = stepLabel(step);
    const held = tenure(step);
    if (step.type === 'NAMED_ON_RECORD') {
      return {
        zh: `${step.from} 为该记录载明的对失信行为负有直接责任的人员`,
        en: `${step.from} is named on the record as directly responsible for the act`,
      };
    }
    return {
      zh: `行为发生日 ${inclusion.actDate}，${step.from} 是 ${step.to} 的${label.zh}（${held.zh}）`,
      en: `on the act date ${inclusion.actDate}, ${step.from} was ${label.en} of ${step.to} (${held.en})`,
    };
  });
};

const measureStep = (inclusion: Inclusion, measure: Measure): Bilingual => {
  const role = BOUND_ROLE_LABELS[inclusion.role];
  const until = inclusion.to === null ? '' : ` 至 ${inclusion.to}`;
  const untilEn = inclusion.to === null ? '' : ` until ${inclusion.to}`;
  return {
    zh: `依据 ${inclusion.legalBasis}，作为${role.zh}，${inclusion.subjectId} 受“${measure.name.zh}”约束（自 ${inclusion.from}${until}）`,
    en: `under ${inclusion.legalBasis}, as ${role.en}, ${inclusion.subjectId} is bound by "${measure.name.en}" (from ${inclusion.from}${untilEn})`,
  };
};

const SUSPENDED_STEP: Bilingual = {
  zh: '该记录正在异议核实中，联合惩戒措施在信息核实期间暂不执行（揭府〔2017〕34号 第二十一条）',
  en: 'the record is under objection: measures are suspended while it is verified (seed 004 s.21)',
};

const scenarioStep = (measure: Measure, scenario: Scenario | null): Bilingual | null =>
  scenario === null
    ? null
    : {
        zh: `“${measure.name.zh}”适用于${SCENARIO_LABELS[scenario].zh}`,
        en: `"${measure.name.en}" applies in ${SCENARIO_LABELS[scenario].en}`,
      };

const reasonFor = (
  inclusion: Inclusion,
  measure: Measure,
  scenario: Scenario | null,
  through?: { relation: DatedRelation; checked: string },
): CheckReason => {
  const steps = [recordStep(inclusion), ...roleSteps(inclusion), measureStep(inclusion, measure)];
  const path = [...inclusion.via];
  if (through) {
    const step = stepOf(through.relation);
    const label = stepLabel(step);
    const held = tenure(step);
    steps.push({
      zh: `${step.from} 现为 ${through.checked} 的${label.zh}（${held.zh}）`,
      en: `${step.from} is now ${label.en} of ${through.checked} (${held.en})`,
    });
    path.push(step);
  }
  if (inclusion.status === 'suspended') steps.push(SUSPENDED_STEP);
  const last = scenarioStep(measure, scenario);
  if (last) steps.push(last);
  return {
    inclusionId: inclusion.id,
    status: inclusion.status === 'suspended' ? 'suspended' : 'in_force',
    basis: through ? 'through_person' : 'direct',
    steps,
    path,
  };
};

const itemOf = (measure: Measure, reasons: CheckReason[]): CheckItem => ({
  measure: {
    code: measure.code,
    name: measure.name,
    polarity: measure.polarity,
    department: measure.department,
    legalBasis: measure.legalBasis,
    scenarios: measure.scenarios,
  },
  status: reasons.some((r) => r.status === 'in_force') ? 'in_force' : 'suspended',
  reasons,
});

/** Codes of the measures that apply in `scenario`: a read need not fetch the others. */
export const measuresApplyingIn = (catalogue: MeasureCatalogue, scenario: Scenario): string[] =>
  catalogue.measures.filter((m) => m.scenarios.includes(scenario)).map((m) => m.code);

/**
 * The relation types (with the lowest stake among shareholder rules) any of `rules` can match: what a read must
 * fetch so that `composeCheck` with these rules loses nothing. Officer-role and person-only conditions are left
 * to `composeCheck`.
 */
export const relaySuperset = (rules: readonly RoleRule[]): { type: string; minStakePct: number | null }[] => {
  const byType = new Map<string, number | null>();
  for (const rule of rules) {
    if (rule.source !== 'relation') continue;
    const min = rule.minStakePct ?? null;
    const known = byType.get(rule.relation);
    byType.set(
      rule.relation,
      known === undefined ? min : known === null || min === null ? null : Math.min(known, min),
    );
  }
  return [...byType].map(([type, minStakePct]) => ({ type, minStakePct }));
};

/** Composes the 应查必查 answer for one subject in one scenario. */
export const composeCheck = (
  input: CheckInput,
  catalogue: MeasureCatalogue = MEASURE_CATALOGUE,
  options: Partial<CheckOptions> = {},
): CheckAnswer => {
  const opts: CheckOptions = { ...DEFAULT_CHECK_OPTIONS, ...options };
  const applies = (measure: Measure | undefined): measure is Measure =>
    measure !== undefined && (input.scenario === null || measure.scenarios.includes(input.scenario));
  const reasons = new Map<string, CheckReason[]>();
  const add = (code: string, reason: CheckReason) => {
    const list = reasons.get(code) ?? [];
    list.push(reason);
    reasons.set(code, list);
  };

  for (const inclusion of input.direct) {
    if (inclusion.subjectId !== input.subjectId || !isLive(inclusion, input.asOf)) continue;
    const measure = findMeasure(catalogue, inclusion.measureCode);
    if (applies(measure)) add(measure.code, reasonFor(inclusion, measure, input.scenario));
  }

  // 改头换面: punishments binding the persons who now stand behind the subject.
  const carriers = input.relations
    .filter(
      (r) =>
        r.toId === input.subjectId &&
        !isEmptyInterval(r) &&
        isActiveOn(r, input.asOf) &&
        opts.relayRules.some((rule) => relationMatchesRule(r, rule)),
    )
    .sort((a, b) => a.fromId.localeCompare(b.fromId) || a.type.localeCompare(b.type));
  for (const relation of carriers) {
    for (const inclusion of input.related) {
      if (
        inclusion.subjectId !== relation.fromId ||
        inclusion.polarity !== 'punishment' ||
        inclusion.recordSubjectId === input.subjectId || // already answered directly
        !isLive(inclusion, input.asOf)
      )
        continue;
      const measure = findMeasure(catalogue, inclusion.measureCode);
      if (applies(measure)) {
        add(
          measure.code,
          reasonFor(inclusion, measure, input.scenario, { relation, checked: input.subjectId }),
        );
      }
    }
  }

  const clean = input.rewards?.threeCleanYears;
  if (clean?.clean) {
    for (const measure of catalogue.measures) {
      if (measure.polarity !== 'reward' || !applies(measure)) continue;
      if (!measure.triggers.some((t) => t.kind === 'three_clean_years')) continue;
      const steps: Bilingual[] = [
        {
          zh: `${input.subjectId} 自 ${clean.cleanSince ?? '成立'} 起至 ${clean.asOf} 连续三年无不良信用记录`,
          en: `${input.subjectId} has had no bad credit record for three consecutive years (since ${clean.cleanSince ?? 'registration'}, as of ${clean.asOf})`,
        },
        {
          zh: `依据 ${measure.legalBasis}，${input.subjectId} 可享受“${measure.name.zh}”`,
          en: `under ${measure.legalBasis}, ${input.subjectId} qualifies for "${measure.name.en}"`,
        },
      ];
      const last = scenarioStep(measure, input.scenario);
      if (last) steps.push(last);
      add(measure.code, {
        inclusionId: null,
        status: 'in_force',
        basis: 'three_clean_years',
        steps,
        path: [],
      });
    }
  }

  const items = catalogue.measures.flatMap((m) => {
    const list = reasons.get(m.code);
    return list ? [itemOf(m, list)] : [];
  });
  const punishments = items.filter((i) => i.measure.polarity === 'punishment');
  let rewards = items.filter((i) => i.measure.polarity === 'reward');
  const withheldRewards: CheckAnswer['withheldRewards'] = [];
  const punishedDirectly = input.direct.some(
    (i) =>
      i.polarity === 'punishment' &&
      i.status === 'in_force' &&
      i.subjectId === input.subjectId &&
      isLive(i, input.asOf),
  );
  if (opts.withholdRewardsUnderPunishment && punishedDirectly) {
    for (const item of rewards) {
      withheldRewards.push({
        code: item.measure.code,
        reason: {
          zh: '该主体有正在执行的失信联合惩戒措施，暂不享受守信激励',
          en: 'the subject has a joint punishment measure in force, so rewards are withheld',
        },
      });
    }
    rewards = [];
  }
  return {
    subjectId: input.subjectId,
    scenario: input.scenario,
    asOf: input.asOf,
    catalogueVersion: catalogue.version,
    punishments,
    rewards,
    withheldRewards,
  };
};
