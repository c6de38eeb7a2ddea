/**
 * Catalogue of joint reward and punishment measures (domain.md §6–7): what each measure does, who implements it,
 * which records trigger it, which roles around the subject it reaches, in which handling scenarios it must be
 * checked (应查必查, seed 004 s.18) and how long it lasts. Like the record-category catalogue, every entry is data
 * with its sources; a deployment may load its own through `parseMeasureCatalogue`, and a change to a rule changes
 * the entry, its sources and `version` together.
 */
import { z } from 'zod';
import type { FieldError } from '../errors.ts';
import {
  type IsoDate,
  OFFICER_ROLES,
  type OfficerRole,
  RECORD_CATEGORY_IDS,
  type RecordCategoryId,
  SEVERITIES,
  type Severity,
} from '../vocabulary.ts';
import {
  RECORD_CATEGORY_CATALOGUE,
  type RecordCategoryCatalogue,
  type SourceRef,
} from './record-categories.ts';

/** A label in both languages: Chinese is authoritative, English is for the interface and logs. */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * Roles a measure can reach. `subject` is the record's own subject; the others are persons (or, for shareholders and
 * controllers, possibly organisations) standing in that role towards the subject on the act date.
 */
export const BOUND_ROLES = [
  'subject',
  'legal_representative',
  'principal_responsible_person',
  'directly_responsible_person',
  'director_supervisor_senior_manager',
  'responsible_shareholder',
  'actual_controller',
] as const;
export type BoundRole = (typeof BOUND_ROLES)[number];

export const BOUND_ROLE_LABELS: Readonly<Record<BoundRole, Bilingual>> = {
  subject: { zh: '失信主体本身', en: 'the subject itself' },
  legal_representative: { zh: '法定代表人', en: 'legal representative' },
  principal_responsible_person: { zh: '主要负责人', en: 'principal responsible person' },
  directly_responsible_person: { zh: '负有直接责任的人员', en: 'directly responsible person' },
  director_supervisor_senior_manager: {
    zh: '董事、监事、高级管理人员',
    en: 'director, supervisor or senior manager',
  },
  responsible_shareholder: { zh: '负有责任的股东', en: 'responsible shareholder' },
  actual_controller: { zh: '实际控制人', en: 'actual controller' },
};

/** Handling points where a measure must be checked before acting (应查必查, seed 004 s.18). */
export const SCENARIOS = [
  'administrative_licensing',
  'government_procurement',
  'public_resource_trading',
  'fiscal_funds',
  'financing',
  'bond_issuance',
  'honours',
  'high_consumption',
  'travel',
  'market_access',
  'franchise',
  'employment_public_office',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const SCENARIO_LABELS: Readonly<Record<Scenario, Bilingual>> = {
  administrative_licensing: { zh: '行政许可审批', en: 'administrative licensing' },
  government_procurement: { zh: '政府采购', en: 'government procurement' },
  public_resource_trading: { zh: '公共资源交易', en: 'public-resource trading' },
  fiscal_funds: { zh: '财政性资金项目', en: 'fiscal funds' },
  financing: { zh: '融资信贷', en: 'financing and credit' },
  bond_issuance: { zh: '股票债券发行', en: 'share and bond issuance' },
  honours: { zh: '评先评优与荣誉称号', en: 'honours and awards' },
  high_consumption: { zh: '高消费', en: 'high consumption' },
  travel: { zh: '出行出境', en: 'travel and exit' },
  market_access: { zh: '市场和行业准入', en: 'market and industry access' },
  franchise: { zh: '特许经营', en: 'franchise' },
  employment_public_office: { zh: '任职与公职', en: 'employment and public office' },
};

export const MEASURE_POLARITIES = ['punishment', 'reward'] as const;
export type MeasurePolarity = (typeof MEASURE_POLARITIES)[number];

/** Relationship types that can carry a role; the direction is always role-holder → subject. */
export const ROLE_RELATIONS = ['LEGAL_REP', 'OFFICER', 'SHAREHOLDER', 'ACTUAL_CONTROLLER'] as const;
export type RoleRelation = (typeof ROLE_RELATIONS)[number];

/** How a role is found: the record's subject, a person named on the record, or a dated relationship into the subject. */
export type RoleRule =
  | { source: 'record_subject' }
  | { source: 'named_on_record' }
  | {
      source: 'relation';
      relation: RoleRelation;
      /** OFFICER only: the officer roles that count; absent = any. */
      officerRoles?: readonly OfficerRole[];
      /** SHAREHOLDER only: minimum stake in percent (inclusive). */
      minStakePct?: number;
      /** Reach natural persons only (the seed speaks of 人员). */
      personsOnly?: boolean;
    };

export interface RoleMappingEntry {
  /** Any rule that matches grants the role. */
  rules: readonly RoleRule[];
  sources: readonly SourceRef[];
}
export type RoleMapping = Readonly<Record<BoundRole, RoleMappingEntry>>;

/** A record trigger, or the reward trigger "three consecutive years without a bad record" (seed 004 s.4). */
export type MeasureTrigger =
  | { kind: 'record'; category: RecordCategoryId; severities: readonly Severity[] }
  | { kind: 'three_clean_years' };

/**
 * How long an inclusion lasts, counted from the record's decision date:
 * - `while_record_active`: until the record leaves publication (its `publicationTo`), is repaired or revoked;
 * - `{ years }`: a fixed number of years, still ended early by repair or revocation;
 * - `until_lifted`: until the implementing authority lifts it (court orders).
 */
export type DurationRule = 'while_record_active' | 'until_lifted' | { years: number };

export interface Measure {
  /** Stable code: section of the source + short name (`P10_FISCAL_FUNDS`). */
  code: string;
  name: Bilingual;
  polarity: MeasurePolarity;
  /** Implementing department (实施部门). */
  department: Bilingual;
  legalBasis: string;
  triggers: readonly MeasureTrigger[];
  binds: readonly BoundRole[];
  /** Handling points where the measure is checked; empty for measures applied outside a check (inspection plans). */
  scenarios: readonly Scenario[];
  duration: DurationRule;
  sources: readonly SourceRef[];
}

export interface MeasureCatalogue {
  /** Date the measures were last reviewed against their sources, `YYYY-MM-DD`. */
  version: IsoDate;
  roleMapping: RoleMapping;
  measures: readonly Measure[];
}

const SEED_004 = 'seeds/004 揭阳市建立完善守信联合激励和失信联合惩戒制度的实施方案 (揭府〔2017〕34号)';
const SPC_2015 = 'SPC 最高人民法院关于限制被执行人高消费及有关消费的若干规定 (2015) — domain.md §5';
const SECURITIES_LAW_DEFAULT =
  'default, not in the seeds: 中华人民共和国证券法 (2019) 第五十一条/第六十三条 持股百分之五以上的股东 — domain.md §5 asks for a configurable threshold';

const LEGAL_BASIS_004 = '揭府〔2017〕34号；国发〔2016〕33号；粤府〔2016〕133号';

const s = (section: string, note: string): SourceRef => ({ document: SEED_004, section, note });

const S15: SourceRef = s(
  '(十五)',
  '将相关信息同步记入其法定代表人、主要负责人和其他负有直接责任人员的个人信用记录中…对相关责任人员采取相应的联合惩戒措施',
);

/**
 * Serious dishonesty (seed 004 s.9–11): every negative category at severity `serious`. The court's own
 * high-consumption order is left out: it triggers the court measure below, not the administrative ones.
 */
const SERIOUS: readonly MeasureTrigger[] = (
  [
    'administrative_penalty',
    'dishonest_judgment_debtor',
    'major_tax_violation',
    'serious_dishonesty_list',
    'blacklist_food_drug',
    'blacklist_labour',
    'blacklist_environment',
    'blacklist_safety',
    'blacklist_procurement',
    'blacklist_online',
  ] as const
).map((category) => ({ kind: 'record', category, severities: ['serious'] }));

/** Seed 004 s.12 consumption and exit limits fall on subjects "有履行能力但拒不履行": the dishonest judgment debtor. */
const REFUSES_TO_FULFIL: readonly MeasureTrigger[] = [
  { kind: 'record', category: 'dishonest_judgment_debtor', severities: ['serious'] },
];

const rec = (category: RecordCategoryId): MeasureTrigger => ({
  kind: 'record',
  category,
  severities: ['general'],
});
const CREDITWORTHY: readonly MeasureTrigger[] = [
  rec('red_list'),
  rec('honour'),
  { kind: 'three_clean_years' },
];

/** Seed 004 s.15: the subject and the persons who answer for it receive the matching measures. */
const SUBJECT_AND_PERSONS: readonly BoundRole[] = [
  'subject',
  'legal_representative',
  'principal_responsible_person',
  'directly_responsible_person',
];

const punishment = (
  entry: Omit<Measure, 'polarity' | 'legalBasis' | 'binds' | 'duration'> &
    Partial<Pick<Measure, 'legalBasis' | 'binds' | 'duration'>>,
): Measure => ({
  polarity: 'punishment',
  legalBasis: LEGAL_BASIS_004,
  binds: SUBJECT_AND_PERSONS,
  duration: 'while_record_active',
  ...entry,
  sources: [...entry.sources, S15],
});

const reward = (
  entry: Omit<Measure, 'polarity' | 'legalBasis' | 'binds' | 'duration'> &
    Partial<Pick<Measure, 'legalBasis' | 'duration'>>,
): Measure => ({
  polarity: 'reward',
  legalBasis: LEGAL_BASIS_004,
  binds: ['subject'],
  duration: 'while_record_active',
  ...entry,
});

/**
 * Default responsible-shareholder threshold (percent). Not in the seeds: the 5 % "major shareholder" line of the
 * Securities Law. The seed (s.10) reaches shareholders "responsible for the act", which a graph cannot know, so
 * this only bounds who may be reached; configure it per deployment.
 */
export const DEFAULT_RESPONSIBLE_SHAREHOLDER_MIN_PCT = 5;

export const DEFAULT_ROLE_MAPPING: RoleMapping = {
  subject: {
    rules: [{ source: 'record_subject' }],
    sources: [s('(十)', '对严重失信企业…实施市场和行业禁入措施')],
  },
  legal_representative: {
    rules: [{ source: 'relation', relation: 'LEGAL_REP' }],
    sources: [S15],
  },
  principal_responsible_person: {
    rules: [
      { source: 'relation', relation: 'LEGAL_REP' },
      { source: 'relation', relation: 'OFFICER', officerRoles: ['chair', 'manager'] },
    ],
    sources: [
      S15,
      {
        document: SEED_004,
        section: '(十五)',
        note: 'default reading of 主要负责人: the legal representative, the chair (董事长) or the manager (经理)',
      },
    ],
  },
  directly_responsible_person: {
    rules: [{ source: 'named_on_record' }],
    sources: [
      S15,
      s('(十)', '对失信行为负有直接责任的注册执业人员 — named by the deciding authority on the record'),
    ],
  },
  director_supervisor_senior_manager: {
    rules: [{ source: 'relation', relation: 'OFFICER' }],
    sources: [
      s(
        '(十)',
        '撤销严重失信企业及其法定代表人、负责人、高级管理人员和对失信行为负有直接责任的董事…的荣誉称号',
      ),
    ],
  },
  responsible_shareholder: {
    rules: [
      {
        source: 'relation',
        relation: 'SHAREHOLDER',
        minStakePct: DEFAULT_RESPONSIBLE_SHAREHOLDER_MIN_PCT,
        personsOnly: true,
      },
    ],
    sources: [
      s('(十)', '对失信行为负有直接责任的董事、股东等人员'),
      { document: SECURITIES_LAW_DEFAULT, section: 'threshold', note: 'stake ≥ 5 % (default)' },
    ],
  },
  actual_controller: {
    rules: [{ source: 'relation', relation: 'ACTUAL_CONTROLLER' }],
    sources: [
      {
        document: SPC_2015,
        section: 'art. 3',
        note: '被执行人为单位的…被执行人及其法定代表人、主要负责人、影响债务履行的直接责任人员、实际控制人不得实施前款规定的行为',
      },
    ],
  },
};

const dept = (zh: string, en: string): Bilingual => ({ zh, en });

export const MEASURE_CATALOGUE: MeasureCatalogue = {
  version: '2026-11-01',
  roleMapping: DEFAULT_ROLE_MAPPING,
  measures: [
    // ── Seed 004 s.10: administrative constraints ─────────────────────────────────────────────────────────
    punishment({
      code: 'P10_STRICT_LICENSING',
      name: {
        zh: '从严审核行政许可审批项目，从严控制生产许可证发放',
        en: 'stricter review of licences and production permits',
      },
      department: dept('各行政许可实施机关（市编办会同）', 'licensing authorities'),
      triggers: SERIOUS,
      scenarios: ['administrative_licensing'],
      sources: [s('(十)', '从严审核行政许可审批项目，从严控制生产许可证发放')],
    }),
    punishment({
      code: 'P10_PROJECT_APPROVAL',
      name: { zh: '限制项目审批、核准', en: 'limits on project approval and authorisation' },
      department: dept('市发展改革局等投资主管部门', 'development and reform (investment) authorities'),
      triggers: SERIOUS,
      scenarios: ['administrative_licensing'],
      sources: [s('(十)', '限制项目审批、核准')],
    }),
    punishment({
      code: 'P10_SECURITIES_ISSUANCE',
      name: {
        zh: '限制股票发行上市融资或发行债券，限制在全国股份转让系统挂牌、融资',
        en: 'limits on share listing, bond issuance and NEEQ listing or financing',
      },
      department: dept('证券监管部门、市金融工作局', 'securities regulators, municipal finance office'),
      triggers: SERIOUS,
      scenarios: ['bond_issuance', 'financing'],
      sources: [s('(十)', '限制股票发行上市融资或发行债券，限制在全国股份转让系统挂牌、融资')],
    }),
    punishment({
      code: 'P10_FINANCIAL_INSTITUTIONS',
      name: {
        zh: '限制发起设立或参股金融机构以及小额贷款公司、融资担保公司、创业投资公司、互联网融资平台等机构',
        en: 'limits on founding or holding financial institutions, micro-lenders, guarantors, VC firms and online lending platforms',
      },
      department: dept('市金融工作局、揭阳银监分局', 'finance office, banking regulator'),
      triggers: SERIOUS,
      scenarios: ['market_access', 'financing'],
      sources: [
        s(
          '(十)',
          '限制发起设立或参股金融机构以及小额贷款公司、融资担保公司、创业投资公司、互联网融资平台等机构',
        ),
      ],
    }),
    punishment({
      code: 'P10_INTERNET_INFORMATION',
      name: { zh: '限制从事互联网信息服务', en: 'limits on providing internet information services' },
      department: dept('互联网信息服务主管部门', 'internet information-service authorities'),
      triggers: SERIOUS,
      scenarios: ['administrative_licensing', 'market_access'],
      sources: [s('(十)', '限制从事互联网信息服务')],
    }),
    punishment({
      code: 'P10_FISCAL_FUNDS',
      name: { zh: '严格限制申请财政性资金项目', en: 'strict limits on applying for fiscal-fund projects' },
      department: dept('市财政局、市发展改革局', 'finance bureau, development and reform bureau'),
      triggers: SERIOUS,
      scenarios: ['fiscal_funds'],
      sources: [s('(十)', '严格限制申请财政性资金项目')],
    }),
    punishment({
      code: 'P10_PUBLIC_RESOURCE_TRADING',
      name: {
        zh: '限制参与有关公共资源交易活动（含政府采购、工程招投标）',
        en: 'limits on public-resource trading, including government procurement and tendering',
      },
      department: dept(
        '市公共资源交易中心、市政管办、市财政局',
        'public-resource trading centre, finance bureau',
      ),
      triggers: SERIOUS,
      scenarios: ['public_resource_trading', 'government_procurement'],
      sources: [
        s('(十)', '限制参与有关公共资源交易活动'),
        s(
          '(十八)',
          '在财政资金补助、政府采购、政府购买服务、政府投资工程建设项目招投标等事项中实行公共信用信息查询制度',
        ),
      ],
    }),
    punishment({
      code: 'P10_FRANCHISE',
      name: {
        zh: '限制参与基础设施和公用事业特许经营',
        en: 'limits on infrastructure and public-utility franchises',
      },
      department: dept(
        '市发展改革局、市住房城乡建设局',
        'development and reform bureau, housing and construction bureau',
      ),
      triggers: SERIOUS,
      scenarios: ['franchise'],
      sources: [s('(十)', '限制参与基础设施和公用事业特许经营')],
    }),
    punishment({
      code: 'P10_MARKET_BAN',
      name: { zh: '市场和行业禁入', en: 'market and industry ban' },
      department: dept('各行业主管部门', 'industry regulators'),
      triggers: SERIOUS,
      scenarios: ['market_access', 'administrative_licensing', 'employment_public_office'],
      sources: [
        s(
          '(十)',
          '对严重失信企业及其法定代表人、主要负责人和对失信行为负有直接责任的注册执业人员等实施市场和行业禁入措施',
        ),
      ],
    }),
    punishment({
      code: 'P10_HONOURS_REVOKED',
      name: { zh: '撤销荣誉称号，取消参加评先评优资格', en: 'honours revoked and barred from awards' },
      department: dept('评比表彰主管部门、市文明办', 'award-granting authorities'),
      triggers: SERIOUS,
      binds: [
        'subject',
        'legal_representative',
        'principal_responsible_person',
        'director_supervisor_senior_manager',
        'directly_responsible_person',
        'responsible_shareholder',
      ],
      scenarios: ['honours'],
      sources: [
        s(
          '(十)',
          '及时撤销严重失信企业及其法定代表人、负责人、高级管理人员和对失信行为负有直接责任的董事、股东等人员的荣誉称号，取消其参加评先评优资格',
        ),
      ],
    }),
    // ── Seed 004 s.12: market constraints ─────────────────────────────────────────────────────────────────
    punishment({
      code: 'P12_EXIT_BAN',
      name: { zh: '限制出境', en: 'exit ban' },
      department: dept('市公安局（出入境管理）', 'public security bureau (exit and entry)'),
      triggers: REFUSES_TO_FULFIL,
      scenarios: ['travel'],
      sources: [s('(十二)', '对有履行能力但拒不履行的严重失信主体实施限制出境…等措施')],
    }),
    punishment({
      code: 'P12_REAL_ESTATE',
      name: { zh: '限制购买不动产', en: 'limits on buying real estate' },
      department: dept(
        '市住房城乡建设局、市国土资源局',
        'housing and construction bureau, land resources bureau',
      ),
      triggers: REFUSES_TO_FULFIL,
      scenarios: ['high_consumption'],
      sources: [s('(十二)', '限制购买不动产')],
    }),
    punishment({
      code: 'P12_FLIGHTS_HIGH_SPEED_RAIL',
      name: {
        zh: '限制乘坐飞机、乘坐高等级列车和席次',
        en: 'limits on flights and on high-grade trains and seats',
      },
      department: dept(
        '民航、铁路运输企业（市信用办推送）',
        'airlines and railway operators (via the credit office)',
      ),
      triggers: REFUSES_TO_FULFIL,
      scenarios: ['travel', 'high_consumption'],
      sources: [s('(十二)', '限制…乘坐飞机、乘坐高等级列车和席次')],
    }),
    punishment({
      code: 'P12_HOTELS_LEISURE',
      name: {
        zh: '限制旅游度假、入住星级以上宾馆及其他高消费行为',
        en: 'limits on holidays, star-rated hotels and other high consumption',
      },
      department: dept('市旅游局、市商务局', 'tourism bureau, commerce bureau'),
      triggers: REFUSES_TO_FULFIL,
      scenarios: ['high_consumption', 'travel'],
      sources: [s('(十二)', '限制…旅游度假、入住星级以上宾馆及其他高消费行为')],
    }),
    punishment({
      code: 'P12_FINANCIAL_TERMS',
      name: {
        zh: '提高贷款利率和财产保险费率，或者限制提供贷款、保荐、承销、保险等服务',
        en: 'higher loan rates and property-insurance premiums, or refused loans, sponsorship, underwriting and insurance',
      },
      department: dept(
        '人民银行揭阳市中心支行、揭阳银监分局、市金融工作局（引导金融机构）',
        'PBoC branch, banking regulator, finance office (guiding financial institutions)',
      ),
      triggers: SERIOUS,
      scenarios: ['financing', 'bond_issuance'],
      sources: [
        s(
          '(十二)',
          '引导…金融机构按照风险定价原则，对严重失信主体提高贷款利率和财产保险费率，或者限制向其提供贷款、保荐、承销、保险等服务',
        ),
      ],
    }),
    // ── Seed 004 s.15: the persons behind the subject ─────────────────────────────────────────────────────
    punishment({
      code: 'P15_PERSONAL_CREDIT_RECORD',
      name: {
        zh: '记入法定代表人、主要负责人和其他负有直接责任人员的个人信用记录',
        en: 'entered in the personal credit record of the legal representative, principal and directly responsible persons',
      },
      department: dept('市信用办', 'municipal credit office'),
      triggers: SERIOUS,
      binds: ['legal_representative', 'principal_responsible_person', 'directly_responsible_person'],
      scenarios: [
        'administrative_licensing',
        'government_procurement',
        'public_resource_trading',
        'fiscal_funds',
        'financing',
        'employment_public_office',
      ],
      sources: [s('(十八)', '将信用信息查询使用嵌入审批、监管、公共资源交易工作流程中，确保应查必查')],
    }),
    // ── Court: SPC 2015 high-consumption restriction ──────────────────────────────────────────────────────
    punishment({
      code: 'SPC_HIGH_CONSUMPTION',
      name: {
        zh: '限制高消费及非生活和工作必需的消费',
        en: 'court restriction on high and non-essential consumption',
      },
      department: dept('执行法院', 'enforcing court'),
      legalBasis: '最高人民法院关于限制被执行人高消费及有关消费的若干规定（法释〔2015〕17号）第三条',
      triggers: [{ kind: 'record', category: 'high_consumption_restriction', severities: ['serious'] }],
      binds: [
        'subject',
        'legal_representative',
        'principal_responsible_person',
        'directly_responsible_person',
        'actual_controller',
      ],
      scenarios: ['high_consumption', 'travel'],
      duration: 'until_lifted',
      sources: [
        {
          document: SPC_2015,
          section: 'art. 3',
          note: '飞机、列车软卧、G字头动车组；星级以上宾馆；购买不动产；旅游度假… 单位被执行人的法定代表人、主要负责人、直接责任人员、实际控制人',
        },
        s('(十一)', '将各级法院发布的失信被执行人名单纳入…联合惩戒范围'),
      ],
    }),
    // ── Seed 004 s.4–8: rewards ───────────────────────────────────────────────────────────────────────────
    reward({
      code: 'R4_GREEN_CHANNEL',
      name: { zh: '行政许可“绿色通道”', en: 'green channel for administrative licensing' },
      department: dept('市编办会同各行政许可实施机关', 'establishment office with licensing authorities'),
      triggers: CREDITWORTHY,
      scenarios: ['administrative_licensing'],
      sources: [
        s('(四)', '对诚信典型和连续三年无不良信用记录的行政相对人实行“绿色通道”和“容缺受理”等便利服务措施'),
      ],
    }),
    reward({
      code: 'R4_TOLERANT_ACCEPTANCE',
      name: { zh: '容缺受理', en: 'acceptance with missing papers against a written commitment' },
      department: dept('市编办会同各行政许可实施机关', 'establishment office with licensing authorities'),
      triggers: CREDITWORTHY,
      scenarios: ['administrative_licensing'],
      sources: [s('(四)', '部分申报材料不齐备的，如其书面承诺在规定期限内提供，应先行受理，加快办理进度')],
    }),
    reward({
      code: 'R5_PRIORITY_FUNDING',
      name: {
        zh: '财政性资金项目安排、招商引资配套政策优先考虑',
        en: 'priority in fiscal-fund projects and investment incentives',
      },
      department: dept(
        '市发展改革局、市财政局、市商务局',
        'development and reform, finance and commerce bureaus',
      ),
      triggers: [rec('red_list'), rec('a_level_taxpayer'), rec('honour')],
      scenarios: ['fiscal_funds'],
      sources: [
        s('(五)', '在实施财政性资金项目安排、招商引资配套政策等各类优惠政策中，对诚信市场主体予以优先考虑'),
      ],
    }),
    reward({
      code: 'R5_PUBLIC_RESOURCE_CREDIT_BONUS',
      name: { zh: '公共资源交易信用加分', en: 'credit bonus in public-resource trading' },
      department: dept('市公共资源交易中心、市政管办', 'public-resource trading centre'),
      triggers: [rec('red_list'), rec('honour')],
      scenarios: ['public_resource_trading', 'government_procurement'],
      sources: [s('(五)', '探索在有关公共资源交易活动中，依法依约对诚信市场主体采取信用加分等措施')],
    }),
    reward({
      code: 'R5_PUBLIC_SERVICE_PRIORITY',
      name: {
        zh: '教育、就业、创业、社会保障、城市入户等领域重点支持和优先便利',
        en: 'priority in education, employment, start-ups, social security and residence registration',
      },
      department: dept('市教育局、市人力资源社会保障局等', 'education and human-resources bureaus'),
      triggers: [rec('red_list'), rec('honour')],
      scenarios: ['employment_public_office'],
      sources: [s('(五)', '在教育、就业、创业、社会保障、城市入户等领域对诚信个人给予重点支持和优先便利')],
    }),
    reward({
      code: 'R6_FEWER_INSPECTIONS',
      name: { zh: '优化日常检查、专项检查频次', en: 'fewer routine and special inspections' },
      department: dept('各监管部门', 'supervising departments'),
      triggers: [rec('red_list'), rec('a_level_taxpayer'), rec('honour'), { kind: 'three_clean_years' }],
      // Applied when inspection plans are drawn up, not at a handling point: no scenario in the fixed vocabulary.
      scenarios: [],
      sources: [s('(六)', '对符合一定条件的诚信企业在日常检查、专项检查中优化检查频次')],
    }),
    reward({
      code: 'R7_CREDIT_EASY_LOAN',
      name: { zh: '“信易贷”“信易债”“税易贷”等融资便利', en: 'credit-based easy loans and bonds (信易贷)' },
      department: dept(
        '市金融工作局、人民银行揭阳市中心支行、揭阳银监分局、税务部门',
        'finance office, PBoC branch, banking regulator, tax bureaus',
      ),
      triggers: [rec('red_list'), rec('a_level_taxpayer'), { kind: 'three_clean_years' }],
      scenarios: ['financing', 'bond_issuance'],
      sources: [
        s(
          '(七)',
          '探索开发“信易贷”、“信易债”、“税源贷”、“税易贷”、“税贷通”等产品，着力缓解诚信小微企业融资难问题',
        ),
      ],
    }),
    reward({
      code: 'R8_PUBLIC_PROMOTION',
      name: { zh: '公示优良信用信息并重点推介', en: 'publicised good record and promotion' },
      department: dept('市发展改革局、市信用办', 'development and reform bureau, credit office'),
      triggers: [rec('red_list'), rec('honour')],
      scenarios: ['honours'],
      sources: [
        s('(八)', '及时通过政府网站和“信用揭阳”等信用网站公示诚信市场主体的优良信用信息…重点推介诚信企业'),
      ],
    }),
  ],
};

/** Measures that apply in a scenario, in catalogue order. */
export const measuresForScenario = (catalogue: MeasureCatalogue, scenario: Scenario): readonly Measure[] =>
  catalogue.measures.filter((m) => m.scenarios.includes(scenario));

export const findMeasure = (catalogue: MeasureCatalogue, code: string): Measure | undefined =>
  catalogue.measures.find((m) => m.code === code);

// ── Validation of catalogues loaded from configuration ───────────────────────────────────────────────────────

const bilingualSchema = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
const sourceSchema = z.strictObject({
  document: z.string().min(1),
  section: z.string().min(1),
  note: z.string().optional(),
});
const sourcesSchema = z.array(sourceSchema).min(1, 'must cite at least one source');

const roleRuleSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('record_subject') }),
  z.strictObject({ source: z.literal('named_on_record') }),
  z.strictObject({
    source: z.literal('relation'),
    relation: z.enum(ROLE_RELATIONS),
    officerRoles: z.array(z.enum(OFFICER_ROLES)).min(1).optional(),
    minStakePct: z.number().gt(0).lte(100).optional(),
    personsOnly: z.boolean().optional(),
  }),
]);

const roleMappingEntrySchema = z.strictObject({
  rules: z.array(roleRuleSchema).min(1, 'a role needs at least one rule'),
  sources: sourcesSchema,
});
const roleMappingSchema = z.strictObject(
  Object.fromEntries(BOUND_ROLES.map((role) => [role, roleMappingEntrySchema])) as Record<
    BoundRole,
    typeof roleMappingEntrySchema
  >,
);

const triggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('record'),
    category: z.enum(RECORD_CATEGORY_IDS),
    severities: z.array(z.enum(SEVERITIES)).min(1),
  }),
  z.strictObject({ kind: z.literal('three_clean_years') }),
]);

const durationSchema = z.union([
  z.literal('while_record_active'),
  z.literal('until_lifted'),
  z.strictObject({ years: z.number().int().min(1) }),
]);

const measureSchema = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'code must be UPPER_SNAKE_CASE'),
  name: bilingualSchema,
  polarity: z.enum(MEASURE_POLARITIES),
  department: bilingualSchema,
  legalBasis: z.string().min(1),
  triggers: z.array(triggerSchema).min(1, 'a measure needs at least one trigger'),
  binds: z.array(z.enum(BOUND_ROLES)).min(1, 'a measure must bind at least one role'),
  scenarios: z.array(z.enum(SCENARIOS)),
  duration: durationSchema,
  sources: sourcesSchema,
});

const catalogueSchema = z.strictObject({
  version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'version must be a review date, YYYY-MM-DD'),
  roleMapping: roleMappingSchema,
  measures: z.array(measureSchema).min(1),
});

export type MeasureCatalogueParseResult =
  | { ok: true; catalogue: MeasureCatalogue }
  | { ok: false; code: 'MEASURE_CATALOGUE_INVALID'; message: string; errors: FieldError[] };

/** Cross-field rules the shape cannot express, checked against the record-category catalogue in use. */
const semanticErrors = (catalogue: MeasureCatalogue, categories: RecordCategoryCatalogue): FieldError[] => {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  catalogue.measures.forEach((measure, i) => {
    const at = `measures.${i}`;
    if (seen.has(measure.code))
      errors.push({ field: `${at}.code`, reason: `duplicate measure code ${measure.code}` });
    seen.add(measure.code);
    const want = measure.polarity === 'punishment' ? 'negative' : 'positive';
    measure.triggers.forEach((trigger, j) => {
      const field = `${at}.triggers.${j}`;
      if (trigger.kind === 'three_clean_years') {
        if (measure.polarity !== 'reward')
          errors.push({ field, reason: 'three_clean_years can only trigger a reward' });
        return;
      }
      const category = categories.categories.find((c) => c.id === trigger.category);
      if (!category) {
        errors.push({
          field: `${field}.category`,
          reason: `category ${trigger.category} is not in record-category catalogue ${categories.version}`,
        });
        return;
      }
      if (category.polarity !== want) {
        errors.push({
          field: `${field}.category`,
          reason: `${measure.polarity} ${measure.code} cannot be triggered by ${category.polarity} category ${category.id}`,
        });
      }
      for (const severity of trigger.severities) {
        if (!category.severities.includes(severity)) {
          errors.push({
            field: `${field}.severities`,
            reason: `${category.id} has no severity ${severity}; allowed: ${category.severities.join(', ')}`,
          });
        }
      }
    });
    if (measure.polarity === 'reward' && measure.binds.some((role) => role !== 'subject')) {
      errors.push({ field: `${at}.binds`, reason: 'a reward reaches only its own subject' });
    }
    if (new Set(measure.binds).size !== measure.binds.length)
      errors.push({ field: `${at}.binds`, reason: 'a role is listed twice' });
  });
  return errors;
};

/**
 * Validates a measure catalogue loaded from configuration: shape, vocabularies (roles, scenarios, categories),
 * sources on every entry, and the cross-field rules. Returns every problem as a field error.
 */
export const parseMeasureCatalogue = (
  input: unknown,
  categories: RecordCategoryCatalogue = RECORD_CATEGORY_CATALOGUE,
): MeasureCatalogueParseResult => {
  const parsed = catalogueSchema.safeParse(input);
  const errors: FieldError[] = parsed.success
    ? semanticErrors(parsed.data as MeasureCatalogue, categories)
    : parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), reason: issue.message }));
  if (parsed.success && errors.length === 0) return { ok: true, catalogue: parsed.data as MeasureCatalogue };
  return {
    ok: false,
    code: 'MEASURE_CATALOGUE_INVALID',
    message: `invalid measure catalogue: ${errors.map((e) => `${e.field || '(root)'}: ${e.reason}`).join('; ')}`,
    errors,
  };
};
