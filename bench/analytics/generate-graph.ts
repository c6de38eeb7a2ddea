/**
 * Deterministic generator of a realistic credit-linkage graph for benchmarks: ~70 % companies, 30 % persons;
 * 1–5 shareholders per company, a legal representative and 2–4 officers; a few professional nominees with hundreds
 * of seats; some ownership loops; guarantee circles and chains; shared addresses and registration bursts;
 * records on ~5 % of subjects; some relationships already ended. Same seed → same graph.
 */
import type {
  ProjectionEdge,
  ProjectionInput,
  ProjectionNode,
  ProjectionRecord,
} from '../../analytics/projection/projection-input.ts';
import { fromDayNumber, toDayNumber } from '../../analytics/shared/dates.ts';
import { createRng } from '../../analytics/shared/rng.ts';
import type { OfficerRole, Severity } from '../../domain/vocabulary.ts';

export interface GenerateGraphOptions {
  size: number;
  seed?: number;
}

const ROLES: OfficerRole[] = ['chair', 'director', 'supervisor', 'manager', 'other_senior_manager'];
const SEVERITIES: Severity[] = ['minor', 'general', 'general', 'serious'];
const CATEGORIES = [
  'administrative_penalty',
  'dishonest_judgment_debtor',
  'abnormal_operation',
  'major_tax_violation',
];

export function generateGraph(options: GenerateGraphOptions): ProjectionInput {
  const rng = createRng(options.seed ?? 20240630);
  const n = Math.max(10, Math.floor(options.size));
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const companies = Math.floor(n * 0.7);
  const persons = n - companies;
  const nodes: ProjectionNode[] = new Array(n);
  const edges: ProjectionEdge[] = [];
  const records: ProjectionRecord[] = [];
  const day2000 = toDayNumber('2000-01-01');
  const day2024 = toDayNumber('2024-06-01');
  const cId = (i: number) => `C${i}`;
  const pId = (i: number) => `P${i}`;
  const addressPool = Math.max(1, Math.floor(companies / 40));
  for (let i = 0; i < companies; i++) {
    const reg = day2000 + Math.floor(rng() * (day2024 - day2000));
    const node: ProjectionNode = { id: cId(i), kind: 'enterprise', registeredAt: fromDayNumber(reg) };
    if (rng() < 0.05) node.contacts = { address: `Shared Road No. ${int(1, addressPool)}` };
    else if (rng() < 0.02) node.contacts = { phone: `0755${String(int(1, addressPool)).padStart(8, '0')}` };
    else node.contacts = { address: `Road ${i}` };
    nodes[i] = node;
  }
  for (let i = 0; i < persons; i++) nodes[companies + i] = { id: pId(i), kind: 'natural_person' };
  const randomPerson = () => pId(int(0, persons - 1));
  const nominees = Math.max(1, Math.floor(n / 50_000));
  // A company owner per company (for loops), when it has one.
  const companyOwner = new Int32Array(companies).fill(-1);
  for (let i = 0; i < companies; i++) {
    // Small firms: a founder who is legal representative, chair and main shareholder, plus a partner.
    const founder = randomPerson();
    const partner = rng() < 0.5 ? founder : randomPerson();
    const holders = int(1, 5);
    let left = 100;
    for (let h = 0; h < holders && left > 0; h++) {
      const pct = h === holders - 1 ? left : Math.min(left, int(5, 70));
      left -= pct;
      let from: string;
      if (h === 0) from = founder;
      else if (rng() < 0.35 && i > 10) {
        const c = int(0, i - 1);
        from = cId(c);
        companyOwner[i] = c;
      } else from = partner;
      edges.push({
        type: 'SHAREHOLDER',
        from,
        to: cId(i),
        stakePct: pct,
        validFrom: nodes[i]!.registeredAt ?? null,
      });
    }
    // Legal representative: the founder, sometimes one of the nominees.
    const lr = rng() < 0.004 ? pId(int(0, nominees - 1)) : founder;
    edges.push({ type: 'LEGAL_REP', from: lr, to: cId(i) });
    const officers = int(2, 4);
    for (let o = 0; o < officers; o++) {
      const ended = rng() < 0.1;
      const who =
        rng() < 0.002
          ? pId(int(0, nominees - 1))
          : o === 1
            ? partner
            : o >= 2 && rng() < 0.1
              ? randomPerson()
              : founder;
      edges.push({
        type: 'OFFICER',
        from: who,
        to: cId(i),
        role: ROLES[o % ROLES.length]!,
        validFrom: '2015-01-01',
        validTo: ended ? '2023-01-01' : null,
      });
    }
    if (rng() < 0.01 && i > 0) edges.push({ type: 'BRANCH', from: cId(int(0, i - 1)), to: cId(i) });
    if (rng() < 0.05 && i > 0)
      edges.push({
        type: 'GUARANTEE',
        from: cId(int(0, companies - 1)),
        to: cId(i),
        amount: int(1, 100) * 1e5,
      });
  }
  // Ownership loops: a company takes a small stake in its own company owner.
  const loops = Math.max(1, Math.floor(companies / 2000));
  for (let l = 0, tries = 0; l < loops && tries < loops * 100; tries++) {
    const a = int(0, companies - 1);
    const b = companyOwner[a]!;
    if (b < 0) continue;
    edges.push({ type: 'SHAREHOLDER', from: cId(a), to: cId(b), stakePct: int(1, 20) });
    l++;
  }
  // Guarantee circles (3–6) and chains (4–8).
  const groups = Math.max(1, Math.floor(companies / 3000));
  for (let g = 0; g < groups; g++) {
    const size = int(3, 6);
    const start = int(0, companies - size - 1);
    for (let k = 0; k < size; k++) {
      edges.push({
        type: 'GUARANTEE',
        from: cId(start + k),
        to: cId(start + ((k + 1) % size)),
        amount: int(1, 50) * 1e6,
      });
    }
    const len = int(4, 8);
    const s2 = int(0, companies - len - 1);
    for (let k = 0; k + 1 < len; k++) {
      edges.push({ type: 'GUARANTEE', from: cId(s2 + k), to: cId(s2 + k + 1), amount: int(1, 50) * 1e6 });
    }
  }
  // Registration bursts behind one legal representative.
  const bursts = Math.max(1, Math.floor(companies / 20_000));
  for (let b = 0; b < bursts; b++) {
    const rep = randomPerson();
    const base = day2000 + Math.floor(rng() * (day2024 - day2000 - 30));
    for (let k = 0; k < 8; k++) {
      const i = int(0, companies - 1);
      nodes[i] = { ...nodes[i]!, registeredAt: fromDayNumber(base + int(0, 20)) };
      edges.push({ type: 'LEGAL_REP', from: rep, to: cId(i), validTo: '2020-01-01' });
    }
  }
  // Records on ~5 % of subjects.
  let r = 0;
  for (let i = 0; i < n; i++) {
    if (rng() >= 0.05) continue;
    const act = day2024 - int(0, 5 * 365);
    const status = rng() < 0.85 ? 'active' : rng() < 0.5 ? 'repaired' : 'under_objection';
    const blacklist = rng() < 0.05;
    records.push({
      id: `R${r++}`,
      subjectId: nodes[i]!.id,
      category: blacklist ? 'serious_dishonesty_list' : CATEGORIES[int(0, CATEGORIES.length - 1)]!,
      severity: SEVERITIES[int(0, SEVERITIES.length - 1)]!,
      polarity: 'negative',
      status,
      actDate: fromDayNumber(act),
      decisionDate: fromDayNumber(act + int(5, 60)),
    });
    if (rng() < 0.1) {
      records.push({
        id: `R${r++}`,
        subjectId: nodes[int(0, n - 1)]!.id,
        category: 'red_list',
        severity: 'minor',
        polarity: 'positive',
        status: 'active',
        actDate: '2023-01-01',
        decisionDate: '2023-02-01',
        isList: 'redlist',
      });
    }
  }
  return { nodes, edges, records };
}
