import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditFields } from '../../../domain/audit/chain.ts';
import { AuditLog } from '../../../server/audit/audit-log.ts';
import type { Services } from '../../../server/services.ts';
import { freshServices } from '../../support/services.ts';

let services: Services;

beforeAll(async () => {
  services = await freshServices();
});
afterAll(async () => {
  await services?.close();
});

const entry = (path: string): AuditFields => ({
  at: new Date().toISOString(),
  actor: 'acc-1',
  username: 'office.one',
  role: 'credit_office',
  org: null,
  method: 'GET',
  route: '/api/v1/check',
  path,
  subjects: ['S1'],
  status: 200,
  outcome: 'ok',
  action: null,
  ip: '127.0.0.1',
});

const countCheckLogs = async (ids: string[]) => {
  const session = services.gateway.driver.session();
  try {
    const res = await session.run('MATCH (c:CheckLog) WHERE c.id IN $ids RETURN count(c) AS n', { ids });
    return Number(res.records[0]?.get('n'));
  } finally {
    await session.close();
  }
};

const checkLog = (id: string) => ({
  query: 'punishment/write-check-logs',
  row: { id, props: { day: '2026-12-03', actor: 'office.one', subjectId: 'S1', scenario: 'all' } },
});

describe('audit log appends', () => {
  it('keeps one unbroken chain when two processes append in turn and at once', async () => {
    // Two logs on one database stand for two API processes: each knows only the head it wrote itself.
    const a = new AuditLog(services.gateway);
    const b = new AuditLog(services.gateway);
    await a.append(entry('/a/1'));
    await b.append(entry('/b/1'));
    await a.append(entry('/a/2')); // a's known head is stale now: b appended after it
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => a.append(entry(`/a/burst/${i}`))),
      ...Array.from({ length: 20 }, (_, i) => b.append(entry(`/b/burst/${i}`))),
    ]);
    const verdict = await a.verify();
    expect(verdict).toMatchObject({ ok: true, broken: null, checked: 43 });
    expect(verdict.head.seq).toBe(43);
  });

  it('stores a companion row with its entry, and neither when the transaction fails', async () => {
    const log = new AuditLog(services.gateway);
    await log.append(entry('/check/ok'), [checkLog('check-companion-1')]);
    expect(await countCheckLogs(['check-companion-1'])).toBe(1);
    const before = (await log.verify()).head.seq;

    // A companion the database refuses (a check log id that exists already) fails the whole transaction: the
    // entry and the other companion are not stored either.
    const broken = log.append(entry('/check/broken'), [
      checkLog('check-companion-2'),
      checkLog('check-companion-1'),
    ]);
    await expect(broken).rejects.toThrow();
    expect(await countCheckLogs(['check-companion-2'])).toBe(0);
    const after = await log.verify();
    expect(after).toMatchObject({ ok: true, head: { seq: before } });

    // The log goes on after the failure.
    await log.append(entry('/check/after'), [checkLog('check-companion-3')]);
    expect(await countCheckLogs(['check-companion-3'])).toBe(1);
    expect((await log.verify()).head.seq).toBe(before + 1);
  });
});
