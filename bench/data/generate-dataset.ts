/**
 * A deterministic synthetic import set shaped like a city registry: ~70 % organisations and ~30 %
 * persons; each company has a legal representative, 1–3 shareholders (persons or companies) and 1–3
 * officers; a few professional nominees hold many seats; some companies guarantee others; addresses
 * are shared by clusters of companies; about 5 % of companies carry a credit record.
 * Used by the import benchmark, the tests that need volume, and `npm run generate`.
 */
import fs from 'node:fs';
import { generateResidentId, generateUscc, mulberry32, type Rng } from '../../domain/identifiers/generate.ts';

export interface DatasetOptions {
  subjects: number;
  seed?: number;
  /** Share of companies with a credit record. */
  recordShare?: number;
}

export interface DatasetStats {
  subjects: number;
  relations: number;
  records: number;
  persons: number;
  organisations: number;
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
];
const TRADES = [
  '科技',
  '贸易',
  '实业',
  '投资',
  '建设',
  '物流',
  '网络',
  '电子',
  '医药',
  '食品',
  '能源',
  '咨询',
];
const CITIES = ['深圳市', '广州市', '汕头市', '揭阳市', '江门市', '梧州市'];
const CATEGORIES: Array<[string, string]> = [
  ['administrative_penalty', 'serious'],
  ['administrative_penalty', 'general'],
  ['dishonest_judgment_debtor', 'serious'],
  ['abnormal_operation', 'general'],
];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const isoDay = (rng: Rng, fromYear: number, toYear: number) => {
  const y = fromYear + Math.floor(rng() * (toYear - fromYear + 1));
  const m = 1 + Math.floor(rng() * 12);
  const d = 1 + Math.floor(rng() * 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/** Yields NDJSON lines: all subjects first, then relations and records. */
export function* generateDataset(opts: DatasetOptions, stats?: DatasetStats): Generator<string> {
  const rng = mulberry32(opts.seed ?? 42);
  const recordShare = opts.recordShare ?? 0.05;
  const nPersons = Math.max(1, Math.round(opts.subjects * 0.3));
  const nOrgs = Math.max(1, opts.subjects - nPersons);
  const s: DatasetStats = stats ?? { subjects: 0, relations: 0, records: 0, persons: 0, organisations: 0 };
  const persons: string[] = [];
  const orgs: string[] = [];
  const seenIds = new Set<string>();
  while (persons.length < nPersons) {
    const id = generateResidentId(rng, { birthFrom: '1950-01-01', birthTo: '2000-12-31' });
    if (seenIds.has(id)) continue;
    seenIds.add(id);
    persons.push(id);
    s.persons += 1;
    s.subjects += 1;
    yield JSON.stringify({
      kind: 'subject',
      subjectKind: 'natural_person',
      name: pick(rng, SURNAMES) + pick(rng, GIVEN) + pick(rng, GIVEN),
      idNumber: id,
    });
  }
  const addresses = Array.from(
    { length: Math.max(1, Math.round(nOrgs / 8)) },
    (_, i) => `${pick(rng, CITIES)}示例路${i + 1}号`,
  );
  while (orgs.length < nOrgs) {
    const uscc = generateUscc(rng);
    if (seenIds.has(uscc)) continue;
    seenIds.add(uscc);
    orgs.push(uscc);
    s.organisations += 1;
    s.subjects += 1;
    const name = `${pick(rng, CITIES)}${pick(rng, SURNAMES)}${pick(rng, GIVEN)}${pick(rng, TRADES)}有限公司${orgs.length}`;
    yield JSON.stringify({
      kind: 'subject',
      subjectKind: 'enterprise',
      name,
      uscc,
      region: uscc.slice(2, 8),
      registeredAt: isoDay(rng, 2000, 2024),
      address: pick(rng, addresses),
    });
  }
  // About one person in a thousand is a professional nominee taking many seats.
  const nominees = persons.slice(0, Math.max(1, Math.floor(nPersons / 1000)));
  const rel = (o: Record<string, unknown>) => {
    s.relations += 1;
    return JSON.stringify({ kind: 'relation', ...o });
  };
  for (let i = 0; i < orgs.length; i++) {
    const org = orgs[i]!;
    const since = isoDay(rng, 2005, 2020);
    const rep = rng() < 0.05 ? pick(rng, nominees) : pick(rng, persons);
    yield rel({ type: 'LEGAL_REP', from: rep, to: org, validFrom: since });
    const holders = 1 + Math.floor(rng() * 3);
    let left = 100;
    const used = new Set<string>();
    for (let h = 0; h < holders; h++) {
      const owner = rng() < 0.3 && i > 0 ? orgs[Math.floor(rng() * i)]! : pick(rng, persons);
      if (owner === org || used.has(owner)) continue;
      used.add(owner);
      const stake = h === holders - 1 ? left : Math.max(1, Math.round(rng() * left * 0.7));
      left -= stake;
      if (stake <= 0) continue;
      yield rel({ type: 'SHAREHOLDER', from: owner, to: org, stakePct: stake, validFrom: since });
    }
    const officers = 1 + Math.floor(rng() * 3);
    const roles = ['chair', 'director', 'supervisor', 'manager'];
    for (let k = 0; k < officers; k++) {
      yield rel({
        type: 'OFFICER',
        role: roles[k % roles.length],
        from: pick(rng, persons),
        to: org,
        validFrom: since,
      });
    }
    if (rng() < 0.05 && i > 0) {
      yield rel({
        type: 'GUARANTEE',
        from: org,
        to: orgs[Math.floor(rng() * i)]!,
        amount: Math.round(rng() * 5e7),
        validFrom: since,
      });
    }
  }
  for (let i = 0; i < orgs.length; i++) {
    if (rng() >= recordShare) continue;
    const [category, severity] = pick(rng, CATEGORIES);
    const act = isoDay(rng, 2021, 2025);
    s.records += 1;
    yield JSON.stringify({
      kind: 'record',
      id: `GEN-${i}`,
      subject: orgs[i],
      category,
      severity,
      authority: '市场监督管理局',
      actDate: act,
      decisionDate: act,
    });
  }
}

/** Writes the dataset to a file; returns its stats. */
export async function writeDataset(file: string, opts: DatasetOptions): Promise<DatasetStats> {
  const stats: DatasetStats = { subjects: 0, relations: 0, records: 0, persons: 0, organisations: 0 };
  const out = fs.createWriteStream(file);
  let chunk: string[] = [];
  for (const line of generateDataset(opts, stats)) {
    chunk.push(line);
    if (chunk.length >= 5000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = [];
    }
  }
  if (chunk.length) out.write(`${chunk.join('\n')}\n`);
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return stats;
}
