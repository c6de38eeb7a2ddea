/**
 * Versioned configuration of the explainable risk model (domain.md §9, architecture.md "configuration over
 * code"): every weight and threshold carries the source it comes from. Change a value → bump `version`; scores
 * record the version they were computed with.
 */
import type { RecordStatus, RelationKind, Severity } from '../../domain/vocabulary.ts';
import { InvalidConfigError } from '../errors.ts';

export interface Sourced<T> {
  value: T;
  source: string;
}

export const STRUCTURAL_SIGNAL_KINDS = [
  'circular_shareholding',
  'guarantee_circle',
  'guarantee_chain',
  'shell_cluster',
  'mass_registration',
  'professional_nominee',
  'risky_community',
] as const;
export type StructuralSignalKind = (typeof STRUCTURAL_SIGNAL_KINDS)[number];

export interface DirectionalWeight {
  /** Risk flowing from the relationship's `from` side to its `to` side. */
  forward: Sourced<number>;
  /** Risk flowing from `to` back to `from`. */
  backward: Sourced<number>;
}

export interface RiskModelConfig {
  version: string;
  records: {
    /** Statuses whose negative records count (under objection, repaired, expired, revoked do not). */
    countedStatuses: Sourced<readonly RecordStatus[]>;
    /** Negative records older than this (from the act date) no longer count. */
    retentionDays: Sourced<number>;
    severityPoints: Readonly<Record<Severity, Sourced<number>>>;
    /** Recency decay: a record's points halve every `halfLifeDays` after its decision date. */
    halfLifeDays: Sourced<number>;
    /** Own-record points are capped here; own risk 0–1 = points / cap feeds exposure of others. */
    ownCap: Sourced<number>;
  };
  seriousDishonesty: {
    /** Categories that are a serious-dishonesty list whatever their flag. */
    categories: Sourced<readonly string[]>;
    /** A blacklist record of this severity is a serious-dishonesty listing. */
    blacklistSeverity: Sourced<Severity>;
  };
  exposure: {
    typeWeights: Readonly<Record<RelationKind, DirectionalWeight>>;
    /** SHAREHOLDER weights scale by stakeBase + (1 − stakeBase) · stake. */
    stakeBase: Sourced<number>;
    /** Multiplied in once per hop. */
    damping: Sourced<number>;
    maxHops: Sourced<number>;
    tolerance: Sourced<number>;
    /** Points at exposure 1 (a fully risky party at full relation weight). */
    points: Sourced<number>;
    /** Relation kinds through which a record binds the persons holding the seat on the act date. */
    roleBindingTypes: Sourced<readonly RelationKind[]>;
  };
  structural: {
    points: Readonly<Record<StructuralSignalKind, Sourced<number>>>;
    /** A community is risky at or above this share of risky members. */
    riskyCommunityShare: Sourced<number>;
    /** Seats at which a person counts as a professional nominee when the signal is computed internally. */
    nomineeThreshold: Sourced<number>;
  };
  positive: {
    redListPoints: Sourced<number>;
    cleanYears: Sourced<number>;
    cleanYearsPoints: Sourced<number>;
    /** Negative records with these statuses inside the window break a clean run. */
    cleanBreakingStatuses: Sourced<readonly RecordStatus[]>;
  };
  /** Lower bounds of classes B, C, D on the 0–100 score (A below B). */
  classes: { B: Sourced<number>; C: Sourced<number>; D: Sourced<number> };
}

const JUDGEMENT = 'calibration default (judgement); replace after back-testing';

export const DEFAULT_RISK_MODEL_CONFIG: Readonly<RiskModelConfig> = Object.freeze({
  version: '2024.1.0',
  records: {
    countedStatuses: {
      value: ['active'],
      source:
        'seed 004 s.20–21: records under objection are suspended, repaired ones leave publication; revoked/expired no longer apply',
    },
    retentionDays: {
      value: 1826,
      source:
        'Credit Reporting Industry Regulations 2013 art. 16: negative information kept 5 years from the end of the act',
    },
    severityPoints: {
      minor: {
        value: 5,
        source: `${JUDGEMENT}; tiers per NDRC credit-repair measures 2023 (minor not published)`,
      },
      general: {
        value: 15,
        source: `${JUDGEMENT}; tiers per NDRC credit-repair measures 2023 (general: 3 months–1 year)`,
      },
      serious: {
        value: 40,
        source: `${JUDGEMENT}; tiers per NDRC credit-repair measures 2023 (serious: 1–3 years)`,
      },
    },
    halfLifeDays: {
      value: 365,
      source: `${JUDGEMENT}; general penalties publish for at most 1 year (NDRC 2021/2023)`,
    },
    ownCap: { value: 60, source: JUDGEMENT },
  },
  seriousDishonesty: {
    categories: {
      value: ['serious_dishonesty_list'],
      source: 'seed 004 s.9: serious-dishonesty list (黑名单)',
    },
    blacklistSeverity: {
      value: 'serious',
      source: 'seed 004 s.9–10: serious dishonesty triggers joint punishment',
    },
  },
  exposure: {
    typeWeights: {
      LEGAL_REP: {
        forward: { value: 0.8, source: `${JUDGEMENT}: a dishonest legal representative taints the company` },
        backward: {
          value: 0.9,
          source:
            "seed 004 s.15: an organisation's serious dishonesty is recorded against its legal representative",
        },
      },
      SHAREHOLDER: {
        forward: { value: 0.6, source: `${JUDGEMENT}: owner → company, scaled by stake` },
        backward: {
          value: 0.5,
          source: 'seed 004 s.10: honours revoked from shareholders responsible for the act; scaled by stake',
        },
      },
      OFFICER: {
        forward: { value: 0.5, source: JUDGEMENT },
        backward: {
          value: 0.7,
          source: 'seed 004 s.15: principal responsible and directly responsible persons',
        },
      },
      ACTUAL_CONTROLLER: {
        forward: { value: 0.9, source: JUDGEMENT },
        backward: {
          value: 0.9,
          source: 'SPC 2015 high-consumption provisions art. 3: binds the actual controller',
        },
      },
      GUARANTEE: {
        forward: { value: 0.3, source: `${JUDGEMENT}: a weak guarantor weakens the guaranteed` },
        backward: { value: 0.7, source: `${JUDGEMENT}: the guarantor answers for the guaranteed's default` },
      },
      BRANCH: {
        forward: { value: 0.8, source: 'Civil Code art. 74: a branch has no separate legal personality' },
        backward: { value: 0.8, source: 'Civil Code art. 74: the parent bears the branch’s liabilities' },
      },
    },
    stakeBase: { value: 0.3, source: JUDGEMENT },
    damping: { value: 0.85, source: JUDGEMENT },
    maxHops: {
      value: 3,
      source: 'architecture.md bounded work; seed 004 s.15 reaches persons one or two hops away',
    },
    tolerance: { value: 1e-9, source: 'numerical' },
    points: { value: 30, source: JUDGEMENT },
    roleBindingTypes: {
      value: ['LEGAL_REP', 'OFFICER', 'ACTUAL_CONTROLLER'],
      source: 'domain.md §6: who held the seat when the act happened is who the punishment reaches',
    },
  },
  structural: {
    points: {
      circular_shareholding: { value: 5, source: 'domain.md §9 patterns: circular shareholding' },
      guarantee_circle: { value: 10, source: 'domain.md §9 patterns: guarantee circles (互保, 联保)' },
      guarantee_chain: { value: 5, source: 'domain.md §9 patterns: guarantee chains' },
      shell_cluster: { value: 8, source: 'domain.md §9 patterns: clusters sharing an address/phone' },
      mass_registration: { value: 8, source: 'domain.md §9 patterns: mass registration in a short window' },
      professional_nominee: {
        value: 10,
        source: 'domain.md §9 patterns: many companies behind one legal representative',
      },
      risky_community: { value: 5, source: JUDGEMENT },
    },
    riskyCommunityShare: { value: 0.3, source: JUDGEMENT },
    nomineeThreshold: { value: 10, source: 'domain.md §9 (professional nominees; default 10 seats)' },
  },
  positive: {
    redListPoints: { value: 10, source: 'seed 004 s.3–4: red list subjects get joint reward' },
    cleanYears: { value: 3, source: 'seed 004 s.4–8: 3 consecutive years without a bad record' },
    cleanYearsPoints: { value: 5, source: JUDGEMENT },
    cleanBreakingStatuses: {
      value: ['active', 'expired'],
      source:
        'seed 004 s.20: a repaired record restores standing; revoked ones were wrong; pending objections are suspended',
    },
  },
  classes: {
    B: { value: 20, source: `SAMR enterprise credit-risk classification A–D; ${JUDGEMENT}` },
    C: { value: 40, source: `SAMR enterprise credit-risk classification A–D; ${JUDGEMENT}` },
    D: { value: 60, source: `SAMR enterprise credit-risk classification A–D; ${JUDGEMENT}` },
  },
} satisfies RiskModelConfig);

const MODULE = 'analytics/risk/risk-model-config';

/** Throws InvalidConfigError when the configuration cannot produce meaningful scores. */
export function validateRiskModelConfig(config: RiskModelConfig): void {
  const nonNegative = (path: string, v: number) => {
    if (!(Number.isFinite(v) && v >= 0))
      throw new InvalidConfigError(MODULE, `${path} must be a non-negative number`);
  };
  if (typeof config.version !== 'string' || config.version.length === 0) {
    throw new InvalidConfigError(MODULE, 'version must be a non-empty string');
  }
  for (const [k, v] of Object.entries(config.records.severityPoints))
    nonNegative(`records.severityPoints.${k}`, v.value);
  if (!(config.records.halfLifeDays.value > 0))
    throw new InvalidConfigError(MODULE, 'records.halfLifeDays must be > 0');
  if (!(config.records.ownCap.value > 0)) throw new InvalidConfigError(MODULE, 'records.ownCap must be > 0');
  nonNegative('records.retentionDays', config.records.retentionDays.value);
  for (const [k, w] of Object.entries(config.exposure.typeWeights)) {
    for (const d of ['forward', 'backward'] as const) {
      const v = w[d].value;
      if (!(v >= 0 && v <= 1))
        throw new InvalidConfigError(MODULE, `exposure.typeWeights.${k}.${d} must be in [0, 1]`);
    }
  }
  const d = config.exposure.damping.value;
  if (!(d > 0 && d < 1)) throw new InvalidConfigError(MODULE, 'exposure.damping must be in (0, 1)');
  const sb = config.exposure.stakeBase.value;
  if (!(sb >= 0 && sb <= 1)) throw new InvalidConfigError(MODULE, 'exposure.stakeBase must be in [0, 1]');
  if (!(Number.isInteger(config.exposure.maxHops.value) && config.exposure.maxHops.value >= 0)) {
    throw new InvalidConfigError(MODULE, 'exposure.maxHops must be a non-negative integer');
  }
  nonNegative('exposure.points', config.exposure.points.value);
  for (const [k, v] of Object.entries(config.structural.points))
    nonNegative(`structural.points.${k}`, v.value);
  nonNegative('positive.redListPoints', config.positive.redListPoints.value);
  nonNegative('positive.cleanYearsPoints', config.positive.cleanYearsPoints.value);
  const { B, C, D } = config.classes;
  if (!(0 < B.value && B.value < C.value && C.value < D.value && D.value <= 100)) {
    throw new InvalidConfigError(MODULE, 'classes must satisfy 0 < B < C < D ≤ 100');
  }
}
