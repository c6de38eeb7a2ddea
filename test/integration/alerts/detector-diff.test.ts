/**
 * Detector-diff alerts on the real Redis and Neo4j, through the real queue path: the nightly `rescore-all` job
 * (whole-graph pass in its worker thread) stores the detector findings, and the alert sweep it queues raises them.
 *
 *   night 1  the graph already holds an ownership loop, a professional nominee and a shell cluster: they are the
 *            baseline, nothing is raised;
 *   night 2  an import closes a new loop (C1 → C2 → C3 → C1), gives a person a 10th seat and a 5th organisation
 *            on a shared address: one alert per new structure for the credit office, one per watchlist watching
 *            a member (or a subject within its depth of one); more seats for the old nominee and a 6th member of
 *            the old cluster raise nothing;
 *   night 3  nothing changed: nothing new (and a direct re-sweep raises nothing either);
 *   night 4  the new cluster grows to 10 organisations (a growth step): one "grown" alert; growing to 11 does not;
 *   later    a deployment lowers the shell-cluster minimum from 5 to 3: the 3-organisation clusters that were
 *            there all along raise nothing; one formed after that night does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_RULE_CATALOGUE, type AlertRuleCatalogue } from '../../../domain/catalogues/alert-rules.ts';
import { addDays } from '../../../domain/dates/iso-date.ts';
import { generateResidentId, generateUscc, mulberry32 } from '../../../domain/identifiers/generate.ts';
import { sweepAlerts } from '../../../jobs/alerts/processor.ts';
import type { StoredAlert } from '../../../jobs/alerts/store.ts';
import { chinaToday } from '../../../jobs/propagate/store.ts';
import { pipelineProcessors } from '../../../jobs/registry.ts';
import { type RescoreStats, rescoreAll } from '../../../jobs/score/rescore.ts';
import { RESCORE_ALL_JOB } from '../../../jobs/score/score-processor.ts';
import { startWorkers, type WorkerHandle } from '../../../jobs/workers.ts';
import { type App, buildApp } from '../../../server/app.ts';
import type { Services } from '../../../server/services.ts';
import { createWatchlist, listAlerts } from '../../support/alerts.ts';
import { authHeaders, injectAs } from '../../support/auth.ts';
import { importPath, tempDir, writeNdjson } from '../../support/import-helpers.ts';
import { freshServices } from '../../support/services.ts';

const FINDING_RULES = ['new_circular_shareholding', 'new_professional_nominee', 'new_shell_cluster'];
const T = chinaToday();
/** One nightly run per day, so each run's sweep has its own job id (alert-sweep-<asOf>). */
const NIGHT = [addDays(T, -3), addDays(T, -2), addDays(T, -1), T] as const;

const rng = mulberry32(91);
const id = (s: string) => `dd-${s}`;
const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${String(from + i).padStart(2, '0')}`);

const SHARED_PHONE = '0755-88880001';
const SHARED_ADDRESS = '上海市浦东新区示例路9号';

function enterprise(name: string, contacts: { phone?: string; address?: string; email?: string } = {}) {
  return {
    kind: 'subject',
    id: id(name),
    subjectKind: 'enterprise',
    name: `测试${name}有限公司`,
    uscc: generateUscc(rng),
    registeredAt: '2012-01-01',
    address: contacts.address ?? `测试路${name}号`,
    ...(contacts.phone ? { phone: contacts.phone } : {}),
    ...(contacts.email ? { email: contacts.email } : {}),
  };
}

function person(name: string) {
  return {
    kind: 'subject',
    id: id(name),
    subjectKind: 'natural_person',
    name: `测试${name}`,
    idNumber: generateResidentId(rng, { birthFrom: '1960-01-01', birthTo: '1990-12-31' }),
  };
}

const rel = (type: string, from: string, to: string, extra: object = {}) => ({
  kind: 'relation',
  type,
  from: `id:${id(from)}`,
  to: `id:${id(to)}`,
  validFrom: '2015-01-01',
  ...extra,
});

/**
 * Before night 1: loop L1 → L2 → L3 → L1; old-nominee with 10 seats (X01–X10), new-nominee with 9 (Y01–Y09);
 * shell cluster S1–S5 on one phone; T1–T4 on one address and U1–U3 on one e-mail (below the minimum of 5);
 * C1 → C2 → C3 not yet closed, P holding 60 % of C1.
 */
function baselineRows() {
  const rows: Array<Record<string, unknown>> = [];
  for (const o of ['L1', 'L2', 'L3', 'C1', 'C2', 'C3', ...range('X', 1, 10), ...range('Y', 1, 9)])
    rows.push(enterprise(o));
  for (const o of range('S', 1, 5)) rows.push(enterprise(o, { phone: SHARED_PHONE }));
  for (const o of range('T', 1, 4)) rows.push(enterprise(o, { address: SHARED_ADDRESS }));
  for (const o of range('U', 1, 3)) rows.push(enterprise(o, { email: 'office@u-example.cn' }));
  for (const p of ['old-nominee', 'new-nominee', 'P']) rows.push(person(p));
  rows.push(rel('SHAREHOLDER', 'L1', 'L2', { stakePct: 30 }));
  rows.push(rel('SHAREHOLDER', 'L2', 'L3', { stakePct: 30 }));
  rows.push(rel('SHAREHOLDER', 'L3', 'L1', { stakePct: 30 }));
  rows.push(rel('SHAREHOLDER', 'C1', 'C2', { stakePct: 40 }));
  rows.push(rel('SHAREHOLDER', 'C2', 'C3', { stakePct: 40 }));
  rows.push(rel('SHAREHOLDER', 'P', 'C1', { stakePct: 60 }));
  for (const o of range('X', 1, 10)) rows.push(rel('LEGAL_REP', 'old-nominee', o));
  for (const o of range('Y', 1, 9)) rows.push(rel('LEGAL_REP', 'new-nominee', o));
  return rows;
}

/** Night 2's import: closes the loop, 10th seat, 5th organisation on the address; changes to known findings. */
function newStructureRows() {
  return [
    enterprise('Y10'),
    enterprise('X11'),
    enterprise('T05', { address: SHARED_ADDRESS }),
    enterprise('S06', { phone: SHARED_PHONE }),
    rel('SHAREHOLDER', 'C3', 'C1', { stakePct: 40 }),
    rel('OFFICER', 'new-nominee', 'Y10', { role: 'director' }),
    rel('LEGAL_REP', 'old-nominee', 'X11'),
  ];
}

let services: Services;
let workers: WorkerHandle;
let app: App;
const dir = tempDir('cl-detector-diff-');

const ORGS = ['BANK-A', 'BANK-B', 'BANK-P', 'BANK-Z'] as const;

/** Every alert of the detector-diff rules: the general inbox and each bank's. */
async function findingAlerts(): Promise<StoredAlert[]> {
  const all = await Promise.all([listAlerts(services), ...ORGS.map((org) => listAlerts(services, { org }))]);
  return all.flat().filter((a) => FINDING_RULES.includes(a.rule));
}

let alertJobsDone = 0;

/** Runs the nightly whole-graph rescore through the score queue and waits for the alert sweep it queues. */
async function nightlyRun(asOf: string): Promise<RescoreStats> {
  const jobId = `dd-rescore-${asOf}`;
  await services.queues.get('score').add(RESCORE_ALL_JOB, { asOf }, { jobId });
  const names = ['score', 'alert'] as const;
  alertJobsDone++;
  for (let i = 0; i < 1200; i++) {
    const counts = await Promise.all(
      names.map((q) =>
        services.queues.get(q).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'),
      ),
    );
    if (counts.some((c) => (c.failed ?? 0) > 0)) {
      const jobs = (await Promise.all(names.map((q) => services.queues.get(q).getFailed()))).flat();
      throw new Error(`job failed: ${jobs.map((j) => `${j.name}: ${j.failedReason}`).join('; ')}`);
    }
    const busy = counts.reduce((s, c) => s + (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0), 0);
    if (busy === 0 && (counts[1]!.completed ?? 0) >= alertJobsDone) {
      const job = await services.queues.get('score').getJob(jobId);
      return job!.returnvalue as RescoreStats;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nightly run ${asOf} did not finish in 120 s`);
}

const ofRule = (all: readonly StoredAlert[], rule: string) => all.filter((a) => a.rule === rule);

beforeAll(async () => {
  services = await freshServices();
  await importPath(services, writeNdjson(dir, 'baseline.ndjson', baselineRows()), { today: T });
  // BANK-A watches a member of the loop to be; BANK-P the holder of one (depth 1); BANK-B a member of the
  // address cluster to be; BANK-Z a member of the old loop only.
  await createWatchlist(services, { id: 'WL-A', org: 'BANK-A', subjectIds: [id('C2')], depth: 0 });
  await createWatchlist(services, { id: 'WL-P', org: 'BANK-P', subjectIds: [id('P')], depth: 1 });
  await createWatchlist(services, { id: 'WL-B', org: 'BANK-B', subjectIds: [id('T03')], depth: 0 });
  await createWatchlist(services, { id: 'WL-Z', org: 'BANK-Z', subjectIds: [id('L1')], depth: 2 });
  workers = startWorkers(pipelineProcessors({ gateway: services.gateway, queues: services.queues }), {
    redisUrl: services.cfg.REDIS_URL,
    prefix: services.cfg.QUEUE_PREFIX,
    concurrency: 1,
    log: services.log,
  });
  app = await buildApp(services);
});
afterAll(async () => {
  await workers?.close();
  await app?.close();
  await services?.close();
});

describe('detector-diff alerts after the nightly rescore', () => {
  it('night 1: the loop, nominee and shell cluster already there are the baseline — no alert', async () => {
    const stats = await nightlyRun(NIGHT[0]);
    expect(stats.findings).toMatchObject({
      findings: 3,
      pending: 0,
      baselined: ['circular_shareholding', 'professional_nominee', 'shell_cluster'],
    });
    const stored = await services.gateway.read<{ detector: string; members: string[]; size: number }>(
      'alerts/detector-findings-all',
    );
    expect(stored.map((f) => [f.detector, f.size]).sort()).toEqual([
      ['circular_shareholding', 3],
      ['professional_nominee', 10],
      ['shell_cluster', 5],
    ]);
    expect(await findingAlerts()).toEqual([]);
  });

  it('night 2: one alert per new structure, with rule, severity, members, evidence and messages', async () => {
    await importPath(services, writeNdjson(dir, 'night2.ndjson', newStructureRows()), { today: T });
    const stats = await nightlyRun(NIGHT[1]);
    expect(stats.findings).toMatchObject({ findings: 6, pending: 3, baselined: [] });

    const all = await findingAlerts();
    const general = all.filter((a) => a.org === null);
    expect(general.map((a) => a.rule).sort()).toEqual(FINDING_RULES);
    expect(general.every((a) => a.watchlistId === null && a.status === 'open')).toBe(true);

    const loop = ofRule(general, 'new_circular_shareholding')[0]!;
    expect(loop.severity).toBe('high');
    expect(loop.subjectIds).toEqual([id('C1'), id('C2'), id('C3')]);
    expect(loop.evidence).toHaveLength(1);
    expect(loop.evidence[0]!.kind).toBe('circular_shareholding');
    expect(loop.evidence[0]!.nodes.map((n) => n.id)).toEqual([id('C1'), id('C2'), id('C3'), id('C1')]);
    expect(loop.evidence[0]!.links).toEqual([
      { type: 'SHAREHOLDER', reversed: false, stakePct: 40 },
      { type: 'SHAREHOLDER', reversed: false, stakePct: 40 },
      { type: 'SHAREHOLDER', reversed: false, stakePct: 40 },
    ]);
    expect(loop.messageZh).toBe('新发现循环持股：测试C1有限公司等3家主体相互持股（环上持股乘积6.4%）');
    expect(loop.messageEn).toBe(
      'New circular shareholding: 测试C1有限公司 and others, 3 subjects holding each other (stake product round the loop 6.4%)',
    );

    const nominee = ofRule(general, 'new_professional_nominee')[0]!;
    expect(nominee.severity).toBe('high');
    expect(nominee.subjectIds[0]).toBe(id('new-nominee'));
    expect(nominee.subjectIds.slice(1).sort()).toEqual(range('Y', 1, 10).map(id));
    expect(nominee.evidence[0]!.kind).toBe('professional_nominee');
    expect(nominee.evidence[0]!.nodes[0]).toMatchObject({
      id: id('new-nominee'),
      name: '测试new-nominee',
      kind: 'natural_person',
    });
    expect(nominee.evidence[0]!.nodes).toHaveLength(11);
    expect(nominee.messageZh).toBe(
      '测试new-nominee担任10家企业的法定代表人或董事、监事、高级管理人员，达到职业法人（挂名）阈值10家',
    );
    expect(nominee.messageEn).toBe(
      '测试new-nominee holds legal-representative or officer seats in 10 organisations, reaching the professional-nominee threshold of 10',
    );

    const shell = ofRule(general, 'new_shell_cluster')[0]!;
    expect(shell.severity).toBe('medium');
    expect(shell.subjectIds).toEqual(range('T', 1, 5).map(id));
    expect(shell.evidence[0]!.kind).toBe('shell_cluster');
    expect(shell.evidence[0]!.nodes.map((n) => n.id)).toEqual(range('T', 1, 5).map(id));
    expect(shell.messageZh).toBe('新发现疑似空壳企业群：测试T01有限公司等5家企业共用地址、电话或邮箱');
    expect(shell.messageEn).toBe(
      'New suspected shell cluster: 测试T01有限公司 and others, 5 organisations sharing an address, phone or e-mail',
    );

    // Watchlists: the one watching a loop member, the one watching the loop's holder (1 hop, with the path),
    // the one watching a cluster member; none for the old loop's watcher.
    const wl = all.filter((a) => a.watchlistId !== null);
    expect(wl.map((a) => [a.watchlistId, a.org, a.rule]).sort()).toEqual([
      ['WL-A', 'BANK-A', 'new_circular_shareholding'],
      ['WL-B', 'BANK-B', 'new_shell_cluster'],
      ['WL-P', 'BANK-P', 'new_circular_shareholding'],
    ]);
    const a = wl.find((x) => x.watchlistId === 'WL-A')!;
    expect(a.subjectIds).toEqual([id('C1'), id('C2'), id('C3')]);
    expect(a.evidence).toEqual(loop.evidence);
    expect(a.messageZh).toBe(loop.messageZh);
    const p = wl.find((x) => x.watchlistId === 'WL-P')!;
    expect(p.subjectIds).toEqual([id('C1'), id('C2'), id('C3'), id('P')]);
    expect(p.evidence.map((e) => e.kind)).toEqual([expect.any(String), 'circular_shareholding']);
    expect(p.evidence[0]!.nodes.map((n) => n.id)).toEqual([id('P'), id('C1')]);
    expect(p.evidence[0]!.links).toMatchObject([{ type: 'SHAREHOLDER', reversed: false, stakePct: 60 }]);
    const b = wl.find((x) => x.watchlistId === 'WL-B')!;
    expect(b.subjectIds).toEqual(range('T', 1, 5).map(id));
    expect(b.severity).toBe('medium');

    // The findings are no longer pending.
    expect(await services.gateway.read('alerts/pending-detector-findings', { limit: 10 })).toEqual([]);
  });

  it('the alerts API lists them: the credit office the general ones, each bank its own', async () => {
    const office = injectAs(app, await authHeaders(services, 'credit_office'));
    const bankA = injectAs(app, await authHeaders(services, 'bank', { org: 'BANK-A' }));
    const bankZ = injectAs(app, await authHeaders(services, 'bank', { org: 'BANK-Z' }));
    for (const rule of FINDING_RULES) {
      const res = await office({ method: 'GET', url: `/api/v1/alerts?rule=${rule}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toHaveLength(1);
      expect(res.json().items[0]).toMatchObject({ rule, org: null, status: 'open' });
    }
    const loop = (
      await office({ method: 'GET', url: '/api/v1/alerts?rule=new_circular_shareholding' })
    ).json().items[0];
    expect(loop.evidence[0].nodes.map((n: { id: string }) => n.id)).toEqual([
      id('C1'),
      id('C2'),
      id('C3'),
      id('C1'),
    ]);
    const mine = (await bankA({ method: 'GET', url: '/api/v1/alerts?rule=new_circular_shareholding' })).json()
      .items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ watchlistId: 'WL-A', org: 'BANK-A', severity: 'high' });
    const z = (await bankZ({ method: 'GET', url: '/api/v1/alerts' })).json().items;
    expect(z.filter((x: { rule: string }) => FINDING_RULES.includes(x.rule))).toEqual([]);
  });

  it('night 3: nothing changed — nothing new, and a direct re-sweep raises nothing either', async () => {
    const before = (await findingAlerts()).map((a) => a.id).sort();
    const stats = await nightlyRun(NIGHT[2]);
    expect(stats.findings).toMatchObject({ findings: 6, pending: 0 });
    expect((await findingAlerts()).map((a) => a.id).sort()).toEqual(before);
    const again = await sweepAlerts(services.gateway);
    expect(again.created).toEqual([]);
    expect((await findingAlerts()).map((a) => a.id).sort()).toEqual(before);
  });

  it('night 4: the new cluster growing to 10 raises one "grown" alert; growing to 11 raises none', async () => {
    const before = new Set((await findingAlerts()).map((a) => a.id));
    const grow = range('T', 6, 10).map((o) => enterprise(o, { address: SHARED_ADDRESS }));
    await importPath(services, writeNdjson(dir, 'grow.ndjson', grow), { today: T });
    const stats = await nightlyRun(NIGHT[3]);
    expect(stats.findings).toMatchObject({ pending: 1 });

    const fresh = (await findingAlerts()).filter((a) => !before.has(a.id));
    expect(fresh.map((a) => [a.rule, a.watchlistId ?? 'general']).sort()).toEqual([
      ['new_shell_cluster', 'WL-B'],
      ['new_shell_cluster', 'general'],
    ]);
    const general = fresh.find((a) => a.watchlistId === null)!;
    expect(general.subjectIds).toEqual(range('T', 1, 10).map(id));
    expect(general.messageZh).toBe(
      '疑似空壳企业群由5家扩大到10家：测试T01有限公司等10家企业共用地址、电话或邮箱',
    );
    expect(general.messageEn).toBe(
      'Suspected shell cluster grew from 5 to 10 organisations: 测试T01有限公司 and others, 10 organisations sharing an address, phone or e-mail',
    );
    expect(general.params.values).toMatchObject({ size: '10', previousSize: '5' });
    const bankB = fresh.find((a) => a.watchlistId === 'WL-B')!;
    expect(bankB).toMatchObject({ org: 'BANK-B', severity: 'medium', messageZh: general.messageZh });

    // An 11th organisation: same growth band, stored quietly (through the direct functions, same day).
    const after = (await findingAlerts()).map((a) => a.id).sort();
    await importPath(
      services,
      writeNdjson(dir, 'grow11.ndjson', [enterprise('T11', { address: SHARED_ADDRESS })]),
      { today: T },
    );
    const quiet = await rescoreAll(services.gateway, { asOf: T });
    expect(quiet.findings).toMatchObject({ pending: 0 });
    expect((await sweepAlerts(services.gateway)).created).toEqual([]);
    expect((await findingAlerts()).map((a) => a.id).sort()).toEqual(after);
  });

  it('a lowered threshold raises nothing for what was there all along, and applies from the next night on', async () => {
    const lowered: AlertRuleCatalogue = {
      ...ALERT_RULE_CATALOGUE,
      rules: {
        ...ALERT_RULE_CATALOGUE.rules,
        new_shell_cluster: { ...ALERT_RULE_CATALOGUE.rules.new_shell_cluster, minSize: 3 },
      },
    };
    const before = (await findingAlerts()).map((a) => a.id).sort();
    // U1–U3 have shared an e-mail since night 1; V1–V3 share one from tonight: both below the old minimum of 5.
    await importPath(
      services,
      writeNdjson(
        dir,
        'v.ndjson',
        range('V', 1, 3).map((o) => enterprise(o, { email: 'desk@v-example.cn' })),
      ),
      { today: T },
    );
    const first = await rescoreAll(services.gateway, { asOf: T, catalogue: lowered });
    expect(first.findings).toMatchObject({ pending: 0, baselined: [], thresholdLowered: ['shell_cluster'] });
    expect((await sweepAlerts(services.gateway, { catalogue: lowered })).created).toEqual([]);
    expect((await findingAlerts()).map((a) => a.id).sort()).toEqual(before);

    await importPath(
      services,
      writeNdjson(
        dir,
        'w.ndjson',
        range('W', 1, 3).map((o) => enterprise(o, { email: 'desk@w-example.cn' })),
      ),
      { today: T },
    );
    const next = await rescoreAll(services.gateway, { asOf: T, catalogue: lowered });
    expect(next.findings).toMatchObject({ pending: 1, thresholdLowered: [] });
    await sweepAlerts(services.gateway, { catalogue: lowered });
    const fresh = (await findingAlerts()).filter((a) => !before.includes(a.id));
    expect(fresh.map((a) => [a.rule, a.watchlistId, a.subjectIds])).toEqual([
      ['new_shell_cluster', null, range('W', 1, 3).map(id)],
    ]);
    expect(fresh[0]!.messageZh).toBe('新发现疑似空壳企业群：测试W01有限公司等3家企业共用地址、电话或邮箱');
  });
});
