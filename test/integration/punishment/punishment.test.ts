import type { Job } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addYears } from '../../../domain/dates/iso-date.ts';
import { createMaintenanceProcessor } from '../../../jobs/expiry/processor.ts';
import {
  createPropagateProcessor,
  enqueuePendingOutbox,
  propagateJobId,
  propagateRecords,
} from '../../../jobs/propagate/propagate.ts';
import { creditEntriesOf } from '../../../jobs/propagate/store.ts';
import { type App, buildApp } from '../../../server/app.ts';
import type { Services } from '../../../server/services.ts';
import { authHeaders, injectAs } from '../../support/auth.ts';
import { freshServices } from '../../support/services.ts';
import {
  ACT,
  correctedRecordG,
  DECIDED,
  ID_NUMBER,
  importRows,
  org,
  PUBLICATION_END_E,
  per,
  RECORD_IDS,
  T,
  USCC,
  worldRows,
} from './world.ts';

let services: Services;
let app: App;
let call: ReturnType<typeof injectAs>;

type Inclusion = {
  id: string;
  measureCode: string;
  subjectId: string;
  role: string;
  status: string;
  via: Array<{ from: string; type: string; to: string }>;
  ended?: { on: string; reason: string };
};
type CheckItem = {
  measure: { code: string };
  status: string;
  reasons: Array<{
    inclusionId: string | null;
    basis: string;
    status: string;
    path: Array<Record<string, unknown>>;
    steps: unknown[];
  }>;
};
type Check = { punishments: CheckItem[]; rewards: CheckItem[]; subjectId: string; checkId: string };

const fakeJob = (name: string, data: unknown, id = 'test-job') => ({ id, name, data }) as unknown as Job;

async function graphCounts(): Promise<Record<string, number>> {
  const rows = await services.gateway.read<{ element: string; name: string; n: number }>(
    'maintenance/count-graph',
  );
  return Object.fromEntries(rows.map((r) => [`${r.element}:${r.name}`, r.n]));
}

async function history(recordId: string) {
  const res = await call({ method: 'GET', url: `/api/v1/records/${recordId}/history` });
  expect(res.statusCode).toBe(200);
  return res.json() as {
    record: { status: string; severity: string; actDate: string; publicationTo: string | null };
    events: Array<{ action: string; actor: string; reason: string; at: string }>;
    objections: Array<{ state: string; outcome: string | null }>;
    repairs: Array<{ state: string }>;
    inclusions: Inclusion[];
  };
}

async function check(subject: string, scenario?: string, asOf?: string): Promise<Check> {
  const q = new URLSearchParams({ subject, ...(scenario ? { scenario } : {}), ...(asOf ? { asOf } : {}) });
  const res = await call({ method: 'GET', url: `/api/v1/check?${q}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Check;
}

const codes = (items: CheckItem[]) => items.map((i) => i.measure.code);

beforeAll(async () => {
  services = await freshServices();
  const summary = await importRows(services, worldRows());
  expect(summary.errors).toEqual([]);
  app = await buildApp(services);
  call = injectAs(app, await authHeaders(services, 'credit_office'));
});
afterAll(async () => {
  await app?.close();
  await services?.queues.get('propagate').obliterate({ force: true });
  await services?.close();
});

describe('propagation through the queue', () => {
  it('enqueues each pending outbox marker once, with a deterministic job id', async () => {
    const queue = services.queues.get('propagate');
    expect(await enqueuePendingOutbox(services, 100)).toBe(RECORD_IDS.length);
    expect(await enqueuePendingOutbox(services, 100)).toBe(RECORD_IDS.length);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs.length).toBe(RECORD_IDS.length);
    const a1 = jobs.find((j) => (j.data as { recordId: string }).recordId === 'rec-A1');
    expect(a1?.id).toMatch(/^propagate-rec-A1-[0-9a-f]+$/);

    const processor = createPropagateProcessor({ gateway: services.gateway });
    for (const job of jobs) await processor(job);
    expect(await enqueuePendingOutbox(services, 100)).toBe(0);
    await queue.obliterate({ force: true });
  });

  it('fails invalid job data without retry', async () => {
    const processor = createPropagateProcessor({ gateway: services.gateway });
    await expect(processor(fakeJob('propagate', { record: 'rec-A1' }))).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
    await expect(processor(fakeJob('propagate', null))).rejects.toThrow(/recordId/);
  });

  it('makes job ids BullMQ accepts from any record id', () => {
    expect(propagateJobId('src:42/x', 'ab12')).toBe('propagate-src%3A42%2Fx-ab12');
  });
});

describe('joint punishment reaches the persons behind a company (seed 004 s.15)', () => {
  it('reaches the legal representative on the act date, not the one appointed afterwards', async () => {
    const { inclusions } = await history('rec-A1');
    const li = inclusions.filter((i) => i.subjectId === per('li'));
    expect(li.map((i) => i.role)).toContain('legal_representative');
    const procurement = li.find(
      (i) => i.measureCode === 'P10_PUBLIC_RESOURCE_TRADING' && i.role === 'legal_representative',
    );
    expect(procurement).toMatchObject({
      status: 'in_force',
      via: [{ from: per('li'), type: 'LEGAL_REP', to: org('A') }],
    });
    expect(inclusions.some((i) => i.subjectId === per('wang'))).toBe(false);
    expect(inclusions.some((i) => i.subjectId === org('A') && i.role === 'subject')).toBe(true);
    expect(
      inclusions.some((i) => i.subjectId === per('sun') && i.role === 'principal_responsible_person'),
    ).toBe(true);
  });

  it('does not reach a director who left before the act', async () => {
    const { inclusions } = await history('rec-A1');
    expect(inclusions.some((i) => i.subjectId === per('zhao'))).toBe(false);
  });

  it('enters the record in the personal credit record of the legal representative', async () => {
    const entries = await creditEntriesOf(services.gateway, per('li'));
    const a1 = entries.find((e) => e.recordId === 'rec-A1');
    expect(a1).toMatchObject({
      recordSubjectId: org('A'),
      status: 'in_force',
      from: DECIDED,
      path: [expect.objectContaining({ from: per('li'), type: 'LEGAL_REP', to: org('A') })],
    });
    expect(a1?.roles.sort()).toEqual(['legal_representative', 'principal_responsible_person']);
    expect(await creditEntriesOf(services.gateway, per('wang'))).toEqual([]);
  });

  it('check for company B in government procurement shows the restriction through its new legal rep, with the path', async () => {
    const answer = await check(org('B'), 'government_procurement');
    const item = answer.punishments.find((p) => p.measure.code === 'P10_PUBLIC_RESOURCE_TRADING');
    expect(item?.status).toBe('in_force');
    const reason = item?.reasons.find((r) => r.basis === 'through_person');
    expect(reason?.path).toEqual([
      {
        from: per('li'),
        type: 'LEGAL_REP',
        to: org('A'),
        validFrom: '2018-01-01',
        validTo: addDays(ACT, 60),
      },
      { from: per('li'), type: 'LEGAL_REP', to: org('B'), validFrom: addDays(ACT, 100), validTo: null },
    ]);
    expect(answer.rewards).toEqual([]);
    // Found by USCC too, and not before li joined B.
    expect((await check(USCC.B, 'government_procurement')).subjectId).toBe(org('B'));
    expect((await check(org('B'), 'government_procurement', addDays(ACT, 99))).punishments).toEqual([]);
  });

  it('the subject profile carries the measures in force with their reason chains, as the credit report does', async () => {
    const profile = await call({ method: 'GET', url: `/api/v1/subjects/${org('B')}` });
    expect(profile.statusCode).toBe(200);
    const { measures, lists } = profile.json() as {
      measures: Array<{ code: string; status: string; reasons: Array<{ basis: string; steps: unknown[] }> }>;
      lists: unknown[];
    };
    const trading = measures.find((m) => m.code === 'P10_PUBLIC_RESOURCE_TRADING');
    expect(trading?.status).toBe('in_force');
    const through = trading?.reasons.find((r) => r.basis === 'through_person');
    expect(through?.steps.length).toBeGreaterThan(0);
    const report = (await call({ method: 'GET', url: `/api/v1/subjects/${org('B')}/report` })).json() as {
      measures: unknown;
      lists: unknown;
    };
    expect({ measures, lists }).toEqual({ measures: report.measures, lists: report.lists });
    // A director who left before the act is bound by nothing.
    const clean = (await call({ method: 'GET', url: `/api/v1/subjects/${per('zhao')}` })).json() as {
      measures: unknown[];
    };
    expect(clean.measures).toEqual([]);
  });

  it('check for a person by ID number answers through the keyed hash, with direct measures', async () => {
    const answer = await check(ID_NUMBER.li, 'government_procurement');
    expect(answer.subjectId).toBe(per('li'));
    expect(codes(answer.punishments)).toEqual(['P10_PUBLIC_RESOURCE_TRADING', 'P15_PERSONAL_CREDIT_RECORD']);
    expect(answer.punishments[0]?.reasons.every((r) => r.basis === 'direct')).toBe(true);
  });

  it('keeps every check made in the check log', async () => {
    const rows = await services.gateway.read<{ scenario: string; n: number }>('punishment/stats-checks', {
      from: T,
      to: addDays(T, 1),
    });
    const procurement = rows.find((r) => r.scenario === 'government_procurement');
    expect(procurement?.n).toBeGreaterThanOrEqual(4);
  });

  it('logs who asked about whom: the account in the check log, the subject in the audit log', async () => {
    const officer = await authHeaders(services, 'credit_office', { username: 'office.checker' });
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/check?subject=${encodeURIComponent(ID_NUMBER.li)}&scenario=financing`,
      headers: officer,
    });
    expect(res.statusCode, res.body).toBe(200);
    const session = services.gateway.driver.session();
    try {
      const log = await session.run(
        'MATCH (c:CheckLog {id: $id}) RETURN c.actor AS actor, c.subjectId AS s',
        {
          id: res.json().checkId,
        },
      );
      expect(log.records[0]?.toObject()).toEqual({ actor: 'office.checker', s: per('li') });
    } finally {
      await session.close();
    }
    const admin = injectAs(app, await authHeaders(services, 'admin'));
    const audit = await admin({
      method: 'GET',
      url: '/api/v1/audit?route=/api/v1/check&actor=office.checker',
    });
    expect(audit.statusCode, audit.body).toBe(200);
    // The ID number asked with is masked in the logged path; the subject is named by its id.
    expect(audit.json().items[0]).toMatchObject({ subjects: [per('li')], outcome: 'ok' });
    expect(audit.json().items[0].path).not.toContain(ID_NUMBER.li);
  });

  it('a red-list subject gets the green channel in administrative licensing', async () => {
    const answer = await check(org('R'), 'administrative_licensing');
    expect(codes(answer.rewards)).toEqual(['R4_GREEN_CHANNEL', 'R4_TOLERANT_ACCEPTANCE']);
    const green = answer.rewards[0]!;
    expect(green.reasons.map((r) => r.basis).sort()).toEqual(['direct', 'three_clean_years']);
    expect(answer.punishments).toEqual([]);
    // The punished company gets no reward.
    expect((await check(org('A'), 'administrative_licensing')).rewards).toEqual([]);
  });
});

describe('idempotent propagation', () => {
  it('re-running propagation for the same records creates nothing new', async () => {
    const before = await graphCounts();
    const again = await propagateRecords(services.gateway, RECORD_IDS);
    expect(again).toMatchObject({ records: RECORD_IDS.length, bindingsWritten: 0, added: 0, missing: [] });
    const processor = createPropagateProcessor({ gateway: services.gateway });
    await processor(fakeJob('propagate', { recordId: 'rec-A1' }));
    expect(await graphCounts()).toEqual(before);
    expect(before['relationship:BOUND_BY']).toBeGreaterThan(0);
  });
});

describe('a record corrected by a later import', () => {
  it('is propagated again and recomputes: what no longer follows is withdrawn, what now follows is added', async () => {
    const summary = await importRows(services, [correctedRecordG()]);
    expect(summary.counts.record.updated).toBe(1);
    expect(await enqueuePendingOutbox(services, 100)).toBe(1);
    const [job] = await services.queues.get('propagate').getJobs(['waiting']);
    const result = await createPropagateProcessor({ gateway: services.gateway })(job!);
    expect(result).toMatchObject({ records: 1, outboxDone: 1 });
    if (!('withdrawn' in result)) throw new Error(`not propagated: ${JSON.stringify(result)}`);
    expect(result.withdrawn).toBeGreaterThan(0);
    expect(result.added).toBeGreaterThan(0);
    const after = await history('rec-G');
    expect(
      after.inclusions.filter((i) => i.subjectId === per('li')).every((i) => i.status === 'withdrawn'),
    ).toBe(true);
    expect(
      after.inclusions.some(
        (i) => i.subjectId === per('wang') && i.role === 'legal_representative' && i.status === 'in_force',
      ),
    ).toBe(true);
    expect(after.events.map((e) => e.action)).toContain('inclusions_recomputed');
    await services.queues.get('propagate').obliterate({ force: true });
  });
});

describe('objection (seed 004 s.21)', () => {
  it('suspends every derived measure while open, and reinstates them when the record is upheld', async () => {
    const opened = await call({
      method: 'POST',
      url: '/api/v1/records/rec-A1/objections',
      payload: { submittedBy: '揭阳市测试A有限公司', reason: '处罚决定已被复议撤销' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const objection = opened.json() as {
      objection: { id: string; state: string };
      record: { status: string };
    };
    expect(objection.record.status).toBe('under_objection');

    const during = await history('rec-A1');
    expect(during.record.status).toBe('under_objection');
    expect(during.inclusions.every((i) => i.status === 'suspended')).toBe(true);
    // On B, the restriction that comes from rec-A1 shows as suspended (rec-A2 still stands on its own).
    const onB = await check(org('B'), 'government_procurement');
    const reasons = onB.punishments.find((p) => p.measure.code === 'P10_PUBLIC_RESOURCE_TRADING')?.reasons;
    const fromA1 = reasons?.filter((r) => r.inclusionId?.includes('rec-A1')) ?? [];
    expect(fromA1.length).toBeGreaterThan(0);
    expect(fromA1.every((r) => r.status === 'suspended')).toBe(true);
    expect(
      (await creditEntriesOf(services.gateway, per('li'))).find((e) => e.recordId === 'rec-A1')?.status,
    ).toBe('suspended');

    const twice = await call({
      method: 'POST',
      url: '/api/v1/records/rec-A1/objections',
      payload: { submittedBy: 'x', reason: 'again' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('OBJECTION_ALREADY_OPEN');

    const upheld = await call({
      method: 'PATCH',
      url: `/api/v1/objections/${objection.objection.id}`,
      payload: { outcome: 'upheld', decidedBy: '市市场监督管理局 王科长', reason: '经核实，处罚决定有效' },
    });
    expect(upheld.statusCode, upheld.body).toBe(200);
    const after = await history('rec-A1');
    expect(after.record.status).toBe('active');
    expect(after.inclusions.every((i) => i.status === 'in_force')).toBe(true);
    expect(after.objections).toMatchObject([{ state: 'resolved', outcome: 'upheld' }]);
    const actions = after.events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['objection_opened', 'objection_resolved_upheld']));
    expect(after.events.find((e) => e.action === 'objection_resolved_upheld')).toMatchObject({
      actor: '市市场监督管理局 王科长',
      reason: '经核实，处罚决定有效',
      at: T,
    });
    const again = await call({
      method: 'PATCH',
      url: `/api/v1/objections/${objection.objection.id}`,
      payload: { outcome: 'revoked', decidedBy: 'x', reason: 'y' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('OBJECTION_NOT_OPEN');
  });

  it('a revocation withdraws the record and everything derived from it', async () => {
    const opened = await call({
      method: 'POST',
      url: '/api/v1/records/rec-F/objections',
      payload: { submittedBy: 'F', reason: '并非本公司行为' },
    });
    const { objection } = opened.json() as { objection: { id: string } };
    const revoked = await call({
      method: 'PATCH',
      url: `/api/v1/objections/${objection.id}`,
      payload: { outcome: 'revoked', decidedBy: '市信用办', reason: '信息有误，予以撤销' },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const after = await history('rec-F');
    expect(after.record.status).toBe('revoked');
    expect(after.inclusions.length).toBeGreaterThan(0);
    expect(
      after.inclusions.every((i) => i.status === 'withdrawn' && i.ended?.reason === 'record_revoked'),
    ).toBe(true);
    expect((await check(org('F'))).punishments).toEqual([]);
    expect((await check(per('feng'))).punishments).toEqual([]);
    expect((await creditEntriesOf(services.gateway, per('feng')))[0]?.status).toBe('withdrawn');
    // Re-propagating a revoked record changes nothing.
    expect((await propagateRecords(services.gateway, ['rec-F'])).bindingsWritten).toBe(0);
  });

  it('a correction recomputes the derivations: the new act date reaches the legal rep of that day', async () => {
    const opened = await call({
      method: 'POST',
      url: '/api/v1/records/rec-A2/objections',
      payload: { submittedBy: 'A', reason: '行为发生日有误' },
    });
    const { objection } = opened.json() as { objection: { id: string } };
    const newAct = addDays(ACT, 70);
    const corrected = await call({
      method: 'PATCH',
      url: `/api/v1/objections/${objection.id}`,
      payload: {
        outcome: 'corrected',
        decidedBy: '市市场监督管理局',
        reason: '更正行为发生日',
        fields: { actDate: newAct, decisionDate: addDays(newAct, 10) },
      },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const after = await history('rec-A2');
    expect(after.record).toMatchObject({ status: 'active', actDate: newAct });
    const live = after.inclusions.filter((i) => i.status === 'in_force');
    expect(live.some((i) => i.subjectId === per('wang') && i.role === 'legal_representative')).toBe(true);
    const li = after.inclusions.filter((i) => i.subjectId === per('li'));
    expect(li.length).toBeGreaterThan(0);
    expect(li.every((i) => i.status === 'withdrawn' && i.ended?.reason === 'record_corrected')).toBe(true);
  });
});

describe('repair (seed 004 s.20)', () => {
  it('refuses an application before the minimum publication period, with the date it becomes possible', async () => {
    const res = await call({
      method: 'POST',
      url: '/api/v1/records/rec-C/repairs',
      payload: { applicant: 'C', reason: '已整改' },
    });
    expect(res.statusCode).toBe(422);
    const body = res.json() as {
      error: { code: string; message: string; details: { eligibleFrom: string } };
    };
    expect(body.error.code).toBe('REPAIR_TOO_EARLY');
    expect(body.error.details.eligibleFrom).toBe(addYears(addDays(T, -100), 1));
    expect(body.error.message).toContain(body.error.details.eligibleFrom);
  });

  it('accepts one after the period and lifts the measures on approval', async () => {
    const applied = await call({
      method: 'POST',
      url: '/api/v1/records/rec-D/repairs',
      payload: { applicant: 'D', reason: '已缴纳罚款并完成整改' },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const { application } = applied.json() as { application: { id: string; state: string } };
    expect(application.state).toBe('applied');
    expect((await check(org('D'), 'fiscal_funds')).punishments.length).toBeGreaterThan(0);

    const early = await call({
      method: 'PATCH',
      url: `/api/v1/repairs/${application.id}`,
      payload: { action: 'approve', decidedBy: '市信用办', reason: 'ok' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('REPAIR_INVALID_TRANSITION');

    for (const action of ['review', 'approve']) {
      const res = await call({
        method: 'PATCH',
        url: `/api/v1/repairs/${application.id}`,
        payload: { action, decidedBy: '市信用办 李科员', reason: `repair ${action}` },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const after = await history('rec-D');
    expect(after.record).toMatchObject({ status: 'repaired', publicationTo: T });
    expect(
      after.inclusions.every((i) => i.status === 'lifted' && i.ended?.reason === 'record_repaired'),
    ).toBe(true);
    expect(after.repairs).toMatchObject([{ state: 'approved' }]);
    expect(after.events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['repair_applied', 'repair_under_review', 'repair_approved']),
    );
    expect((await check(org('D'), 'fiscal_funds')).punishments).toEqual([]);
    expect((await check(per('du'), 'fiscal_funds')).punishments).toEqual([]);
  });
});

describe('expiry', () => {
  it('lifts a record and its measures on the exclusive end of its publication window, not a day before', async () => {
    const maintenance = createMaintenanceProcessor({ gateway: services.gateway });
    const dayBefore = await maintenance(fakeJob('expiry', { date: addDays(PUBLICATION_END_E, -1) }));
    expect(dayBefore).toMatchObject({ records: 0, inclusions: 0 });
    expect((await history('rec-E')).record.status).toBe('active');

    const onDay = (await maintenance(fakeJob('expiry', { date: PUBLICATION_END_E }))) as { records: number };
    expect(onDay.records).toBe(1);
    const after = await history('rec-E');
    expect(after.record.status).toBe('expired');
    expect(
      after.inclusions.every(
        (i) =>
          i.status === 'lifted' && i.ended?.on === PUBLICATION_END_E && i.ended.reason === 'record_expired',
      ),
    ).toBe(true);
    expect(after.events.find((e) => e.action === 'record_expired')).toMatchObject({
      actor: 'system:expiry',
      at: PUBLICATION_END_E,
    });
    expect((await check(per('e'))).punishments).toEqual([]);
    // A second run finds nothing more to do.
    expect(await maintenance(fakeJob('expiry', { date: PUBLICATION_END_E }))).toMatchObject({ records: 0 });
  });

  it('rejects unknown maintenance jobs and bad dates without retry', async () => {
    const maintenance = createMaintenanceProcessor({ gateway: services.gateway });
    await expect(maintenance(fakeJob('nope', {}))).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(maintenance(fakeJob('expiry', { date: '2026-02-30' }))).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
  });
});

describe('statistics and catalogue', () => {
  it('counts inclusions by measure, department and month, suspended and lifted, and checks per scenario', async () => {
    const res = await call({
      method: 'GET',
      url: `/api/v1/stats/measures?from=2020-01-01&to=${addDays(T, 400)}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json() as {
      totals: { total: number; lifted: number; withdrawn: number; in_force: number; suspended: number };
      byMeasure: Array<{ code: string; counts: { total: number } }>;
      byDepartment: Array<{ department: { zh: string } }>;
      byPeriod: Array<{ period: string }>;
      ended: { lifted: number; withdrawn: number; byReason: Record<string, number> };
      checks: { total: number; byScenario: Record<string, number> };
    };
    expect(stats.totals.total).toBe(
      stats.totals.in_force + stats.totals.lifted + stats.totals.withdrawn + stats.totals.suspended,
    );
    expect(stats.totals.lifted).toBeGreaterThan(0);
    expect(stats.totals.withdrawn).toBeGreaterThan(0);
    expect(stats.byMeasure.map((m) => m.code)).toContain('P10_PUBLIC_RESOURCE_TRADING');
    expect(stats.byDepartment.length).toBeGreaterThan(1);
    expect(stats.byPeriod.map((p) => p.period)).toContain(DECIDED.slice(0, 7));
    expect(stats.ended.byReason).toMatchObject({
      record_repaired: expect.any(Number),
      record_revoked: expect.any(Number),
      record_expired: expect.any(Number),
      record_corrected: expect.any(Number),
    });
    expect(stats.checks.byScenario.government_procurement).toBeGreaterThanOrEqual(4);
    expect(stats.checks.byScenario.administrative_licensing).toBeGreaterThanOrEqual(2);
  });

  it('documents every route in the OpenAPI document', async () => {
    const res = await call({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/check',
        '/api/v1/records/{id}/objections',
        '/api/v1/objections/{id}',
        '/api/v1/records/{id}/history',
        '/api/v1/records/{id}/repairs',
        '/api/v1/repairs/{id}',
        '/api/v1/stats/measures',
        '/api/v1/measures',
      ]),
    );
  });

  it('serves the measures catalogue with its sources', async () => {
    const res = await call({ method: 'GET', url: '/api/v1/measures' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      measures: Array<{ code: string; sources: unknown[] }>;
      scenarios: unknown[];
    };
    expect(body.measures.map((m) => m.code)).toEqual(
      expect.arrayContaining(['P10_PUBLIC_RESOURCE_TRADING', 'SPC_HIGH_CONSUMPTION', 'R4_GREEN_CHANNEL']),
    );
    expect(body.measures.every((m) => m.sources.length > 0)).toBe(true);
    expect(body.scenarios.length).toBe(12);
  });
});

describe('bad input and unknown ids', () => {
  const field = (res: { json: () => unknown }) =>
    (res.json() as { error: { details: { fields: Array<{ field: string }> } } }).error.details.fields.map(
      (f) => f.field,
    );

  it('answers 400 naming the field', async () => {
    const scenario = await call({
      method: 'GET',
      url: `/api/v1/check?subject=${org('A')}&scenario=bogus`,
    });
    expect(scenario.statusCode).toBe(400);
    expect(field(scenario)).toEqual(['querystring.scenario']);

    const subject = await call({ method: 'GET', url: '/api/v1/check?subject=91440300MA5ZZZZZZ1' });
    expect(subject.statusCode).toBe(400);
    expect(field(subject)).toEqual(['querystring.subject']);

    const missing = await call({ method: 'GET', url: '/api/v1/check' });
    expect(missing.statusCode).toBe(400);
    expect(field(missing)).toContain('querystring.subject');

    const body = await call({
      method: 'POST',
      url: '/api/v1/records/rec-C/objections',
      payload: { submittedBy: 'C' },
    });
    expect(body.statusCode).toBe(400);
    expect(field(body)).toEqual(['body.reason']);

    const outcome = await call({
      method: 'PATCH',
      url: '/api/v1/objections/whatever',
      payload: { outcome: 'maybe', decidedBy: 'x', reason: 'y' },
    });
    expect(outcome.statusCode).toBe(400);
    expect(field(outcome)[0]).toMatch(/^body/);

    const dates = await call({ method: 'GET', url: '/api/v1/stats/measures?from=2025-13-01' });
    expect(dates.statusCode).toBe(400);
    expect(field(dates)).toEqual(['querystring.from']);
  });

  it('answers 404 for unknown records, objections, applications and subjects', async () => {
    const cases = [
      ['GET', '/api/v1/records/nope/history', undefined, 'RECORD_NOT_FOUND'],
      ['POST', '/api/v1/records/nope/objections', { submittedBy: 'x', reason: 'y' }, 'RECORD_NOT_FOUND'],
      ['POST', '/api/v1/records/nope/repairs', { applicant: 'x', reason: 'y' }, 'RECORD_NOT_FOUND'],
      [
        'PATCH',
        '/api/v1/objections/nope',
        { outcome: 'upheld', decidedBy: 'x', reason: 'y' },
        'OBJECTION_NOT_FOUND',
      ],
      [
        'PATCH',
        '/api/v1/repairs/nope',
        { action: 'review', decidedBy: 'x', reason: 'y' },
        'REPAIR_NOT_FOUND',
      ],
      ['GET', '/api/v1/check?subject=nobody', undefined, 'SUBJECT_NOT_FOUND'],
    ] as const;
    for (const [method, url, payload, code] of cases) {
      const res = await call({ method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe(code);
    }
  });
});
