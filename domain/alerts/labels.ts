/** Bilingual labels the alert messages use for seats and guarantee networks. */
import type { Bilingual } from '../catalogues/measures.ts';

const OFFICER_SEATS: Readonly<Record<string, Bilingual>> = {
  chair: { zh: '董事长', en: 'chair' },
  director: { zh: '董事', en: 'director' },
  supervisor: { zh: '监事', en: 'supervisor' },
  manager: { zh: '经理', en: 'manager' },
  other_senior_manager: { zh: '高级管理人员', en: 'senior manager' },
};

/** The seat a person holds in an organisation, as the message names it. */
export function seatLabel(type: string, role: string | null, stakePct: number | null): Bilingual {
  if (type === 'LEGAL_REP') return { zh: '法定代表人', en: 'legal representative' };
  if (type === 'OFFICER')
    return OFFICER_SEATS[role ?? ''] ?? { zh: '董事、监事或高级管理人员', en: 'officer' };
  if (type === 'SHAREHOLDER')
    return stakePct === null
      ? { zh: '股东', en: 'shareholder' }
      : { zh: `股东（持股${stakePct}%）`, en: `shareholder (${stakePct}%)` };
  if (type === 'ACTUAL_CONTROLLER') return { zh: '实际控制人', en: 'actual controller' };
  return { zh: type, en: type };
}

export const NETWORK_LABELS: Readonly<Record<'circle' | 'chain', Bilingual>> = {
  circle: { zh: '担保圈', en: 'guarantee circle' },
  chain: { zh: '担保链', en: 'guarantee chain' },
};

/** Scores are kept to 4 decimals; messages show one. */
export const formatScore = (x: number): string => (Math.round(x * 10) / 10).toFixed(1);
