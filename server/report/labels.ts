/** Captions of the printable credit report, in Chinese (the default) and English. */
export const REPORT_LANGS = ['zh', 'en'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

const LABELS = {
  title: { zh: '信用报告', en: 'Credit report' },
  generatedAt: { zh: '生成时间', en: 'Generated' },
  asOf: { zh: '数据日期', en: 'As of' },
  identity: { zh: '主体信息', en: 'Identity' },
  name: { zh: '名称', en: 'Name' },
  kind: { zh: '主体类型', en: 'Kind' },
  uscc: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  regNo: { zh: '注册号', en: 'Registration number' },
  idMasked: { zh: '身份证号（脱敏）', en: 'ID number (masked)' },
  region: { zh: '行政区划', en: 'Region' },
  registeredAt: { zh: '成立日期', en: 'Registered' },
  address: { zh: '地址', en: 'Address' },
  risk: { zh: '信用风险评分', en: 'Risk score' },
  score: { zh: '评分', en: 'Score' },
  riskClass: { zh: '风险分类', en: 'Risk class' },
  forced: { zh: '强制分类原因', en: 'Class forced because' },
  factor: { zh: '因素', en: 'Factor' },
  contribution: { zh: '贡献', en: 'Contribution' },
  details: { zh: '说明', en: 'Details' },
  stored: { zh: '最近一次批量评分', en: 'Last stored score' },
  records: { zh: '信用记录', en: 'Credit records' },
  category: { zh: '类别', en: 'Category' },
  severity: { zh: '严重程度', en: 'Severity' },
  authority: { zh: '决定机关', en: 'Authority' },
  actDate: { zh: '行为日期', en: 'Act date' },
  decisionDate: { zh: '决定日期', en: 'Decision date' },
  status: { zh: '状态', en: 'Status' },
  publicationTo: { zh: '公示截止', en: 'Published until' },
  lists: { zh: '名单', en: 'Lists' },
  measures: { zh: '在执行的联合惩戒措施', en: 'Joint punishment measures in force' },
  measure: { zh: '措施', en: 'Measure' },
  department: { zh: '实施部门', en: 'Department' },
  reasons: { zh: '理由', en: 'Reasons' },
  ownership: { zh: '股权结构（穿透）', en: 'Ownership (integrated)' },
  owner: { zh: '股东', en: 'Owner' },
  direct: { zh: '直接持股', en: 'Direct' },
  integrated: { zh: '穿透持股', en: 'Integrated' },
  controllers: { zh: '实际控制人与受益所有人', en: 'Controllers and beneficial owners' },
  actualController: { zh: '实际控制人', en: 'Actual controller' },
  beneficialOwners: { zh: '受益所有人', en: 'Beneficial owners' },
  method: { zh: '认定方式', en: 'Method' },
  network: { zh: '关联关系图（一度）', en: 'Network (1 hop)' },
  hidden: {
    zh: '个关联方不在授权范围内，未显示',
    en: 'related parties outside your portfolio are not shown',
  },
  truncated: { zh: '（已截断）', en: '(truncated)' },
  none: { zh: '无', en: 'None' },
  footer: {
    zh: '本报告依据平台所存信用信息生成；每一项负面结论均附理由，信用主体可依法提出异议或申请信用修复。',
    en: 'Generated from the credit information held by the platform; every negative conclusion carries its reasons, and the subject may object or apply for credit repair.',
  },
} as const;

export type LabelKey = keyof typeof LABELS;

export function label(key: LabelKey, lang: ReportLang): string {
  return LABELS[key][lang];
}

const RELATION_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  LEGAL_REP: { zh: '法定代表人', en: 'legal rep.' },
  SHAREHOLDER: { zh: '股东', en: 'shareholder' },
  OFFICER: { zh: '高管', en: 'officer' },
  ACTUAL_CONTROLLER: { zh: '实控人', en: 'controller' },
  GUARANTEE: { zh: '担保', en: 'guarantee' },
  BRANCH: { zh: '分支', en: 'branch' },
};

export function relationLabel(type: string, lang: ReportLang): string {
  return RELATION_LABELS[type]?.[lang] ?? type;
}
