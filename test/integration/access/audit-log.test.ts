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
  id,
  props: { day: '2026-12-03', actor: 'office.one', subjectId: 'S1', scenario: 'all' },
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

  it('stores a check log with its entry, and neither when the statement fails', async () => {
    const log = new AuditLog(services.gateway);
    await log.append(entry('/check/ok'), [checkLog('check-companion-1')]);
    expect(await countCheckLogs(['check-companion-1'])).toBe(1);
    const before = (await log.verify()).head.seq;

    // A check log the database refuses (an id that exists already) fails the whole statement: the entry and the
    // other check log are not stored either.
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

  it('stores a batch once when its statement committed but the answer was lost', async () => {
    // The statement reaches the database and commits; the connection drops before the answer comes back. The
    // appender cannot know, so it reads the head under its lock: it finds its own batch there and stores nothing
    // again.
    let lose = false;
    const gateway = new Proxy(services.gateway, {
      get(target, prop, receiver) {
        if (prop !== 'autoCommit') return Reflect.get(target, prop, receiver);
        return async (name: string, params: Record<string, unknown>) => {
          const rows = await target.autoCommit(name, params);
          if (lose) throw new Error('connection lost after commit');
          return rows;
        };
      },
    });
    const log = new AuditLog(gateway);
    await log.append(entry('/lost/first')); // the appender now knows the head: the next batch goes the fast way
    const before = (await log.verify()).head.seq;
    lose = true;
    await log.append(entry('/lost/answer'), [checkLog('check-lost-1')]);
    lose = false;
    expect(await countCheckLogs(['check-lost-1'])).toBe(1);
    const after = await log.verify();
    expect(after).toMatchObject({ ok: true, head: { seq: before + 1 } });
    const stored = await services.gateway.driver.executeQuery(
      "MATCH (e:AuditEntry {path: '/lost/answer'}) RETURN count(e) AS n",
    );
    expect(Number(stored.records[0]?.get('n'))).toBe(1);
  });

  it('stores entries that finish within the group-commit wait in one statement', async () => {
    let statements = 0;
    const counting = new Proxy(services.gateway, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'autoCommit' && prop !== 'writeTx') return value;
        return (...args: unknown[]) => {
          statements += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const log = new AuditLog(counting, 50);
    await log.append(entry('/group/first'));
    statements = 0;
    const pause = () => new Promise((r) => setTimeout(r, 5));
    const appended: Promise<void>[] = [];
    for (let i = 0; i < 5; i++) {
      appended.push(log.append(entry(`/group/${i}`)));
      await pause();
    }
    await Promise.all(appended);
    expect(statements).toBe(1);
    expect(await log.verify()).toMatchObject({ ok: true, broken: null });

    // Without the wait, entries 5 ms apart are stored one by one.
    const eager = new AuditLog(counting, 0);
    await eager.append(entry('/eager/first'));
    statements = 0;
    for (let i = 0; i < 3; i++) {
      await Promise.all([eager.append(entry(`/eager/${i}`)), pause()]);
    }
    expect(statements).toBe(3);
  });
});
