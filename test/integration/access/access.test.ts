/**
 * Accounts, roles, portfolio scope and the audit chain against the real Neo4j and Redis (issue 7): every route
 * family for every role (allowed or 403), 401 without a token, sign-in and API keys end to end, a bank never
 * receiving a subject outside its portfolio (profile, search, network, paths, ownership), and an audit log whose
 * verification fails when one stored entry is altered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Permission, ROLES } from '../../../domain/access/roles.ts';
import { type App, buildApp } from '../../../server/app.ts';
import type { Services } from '../../../server/services.ts';
import { authHeaders, createAccount, injectAs } from '../../support/auth.ts';
import { freshServices } from '../../support/services.ts';
import { loadSubjectsFixture, waitForNameIndex } from '../subjects/fixture.ts';

let services: Services;
let app: App;

beforeAll(async () => {
  services = await freshServices({ BANK_SCOPE_DEPTH: '2' });
  await loadSubjectsFixture(services);
  app = await buildApp(services);
  const admin = injectAs(app, await authHeaders(services, 'admin'));
  await waitForNameIndex(async () => {
    const res = await admin({ method: 'GET', url: `/api/v1/subjects?q=${encodeURIComponent('星河')}` });
    return res.json().items?.length ?? 0;
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await services?.close();
});

/** A concrete URL for a route pattern: every path parameter gets a harmless placeholder. */
const concrete = (url: string) =>
  url.replace(/:(\w+)/g, (_m, name: string) => (name === 'detector' ? 'nominees' : 'x'));

describe('route access', () => {
  it('every /api route declares its access, and only sign-in is public', () => {
    const api = app.routeAccess.filter((r) => r.url.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(25);
    expect(api.filter((r) => r.access === 'public').map((r) => r.url)).toEqual(['/api/v1/auth/login']);
  });

  it('refuses every non-public route without a token (401) and with a forged one', async () => {
    for (const r of app.routeAccess.filter((x) => x.access !== 'public')) {
      const res = await app.inject({ method: r.method as 'GET', url: concrete(r.url) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
    const forged = await app.inject({
      method: 'GET',
      url: '/api/v1/subjects?q=x',
      headers: { authorization: `Bearer cls_${'A'.repeat(43)}` },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('allows each role exactly the route families of its permissions (403 FORBIDDEN otherwise)', async () => {
    const routes = app.routeAccess.filter(
      (r) => r.access !== 'public' && r.access !== 'authenticated' && r.url.startsWith('/api/'),
    );
    for (const role of ROLES) {
      const call = injectAs(app, await authHeaders(services, role, role === 'bank' ? { org: 'BANK-M' } : {}));
      for (const r of routes) {
        const res = await call({
          method: r.method as 'GET',
          url: concrete(r.url),
          payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
        });
        const code = res.statusCode === 403 ? res.json().error.code : null;
        const label = `${role} ${r.method} ${r.url} → ${res.statusCode} ${code ?? ''}`;
        expect(res.statusCode, label).not.toBe(401);
        if (can(role, r.access as Permission)) expect(code, label).not.toBe('FORBIDDEN');
        else expect(code, label).toBe('FORBIDDEN');
      }
    }
  }, 120_000);
});

describe('sign-in, sessions and API keys', () => {
  it('signs in with a password, answers /me, and signs out', async () => {
    const { account, password } = await createAccount(services, 'analyst', { username: 'ana.lyst' });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'ana.lyst', password: 'not-it-at-all' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('LOGIN_FAILED');
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password },
    });
    expect(unknown.statusCode).toBe(401);

    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'ana.lyst', password },
    });
    expect(ok.statusCode).toBe(200);
    const { token, account: me } = ok.json();
    expect(me).toMatchObject({ id: account.id, role: 'analyst' });
    expect(me.permissions).toContain('analytics:read');
    expect(me.permissions).not.toContain('imports:write');
    const headers = { authorization: `Bearer ${token}` };
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).json().username).toBe(
      'ana.lyst',
    );
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
  });

  it('disabling an account ends its sessions and refuses its password', async () => {
    const admin = injectAs(app, await authHeaders(services, 'admin'));
    const { account, password } = await createAccount(services, 'regulator');
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: account.username, password },
    });
    const headers = { authorization: `Bearer ${login.json().token}` };
    const disabled = await admin({
      method: 'PATCH',
      url: `/api/v1/accounts/${account.id}`,
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: account.username, password },
    });
    expect(again.statusCode).toBe(401);
  });

  it('rejects bad account input with the field named, and duplicate usernames with 409', async () => {
    const admin = injectAs(app, await authHeaders(services, 'admin'));
    const noOrg = await admin({
      method: 'POST',
      url: '/api/v1/accounts',
      payload: { username: 'bank.x', password: 'long-enough-pw', role: 'bank' },
    });
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().error.message).toContain('org');
    const shortPw = await admin({
      method: 'POST',
      url: '/api/v1/accounts',
      payload: { username: 'someone', password: 'short', role: 'analyst' },
    });
    expect(shortPw.statusCode).toBe(400);
    expect(shortPw.json().error.details.fields[0].field).toBe('body.password');
    const made = await admin({
      method: 'POST',
      url: '/api/v1/accounts',
      payload: { username: 'dup.user', password: 'long-enough-pw', role: 'analyst' },
    });
    expect(made.statusCode).toBe(201);
    const dup = await admin({
      method: 'POST',
      url: '/api/v1/accounts',
      payload: { username: 'dup.user', password: 'long-enough-pw', role: 'admin' },
    });
    expect(dup.statusCode).toBe(409);
    expect(
      (await services.access.accounts.list(null, 1000)).filter((a) => a.username === 'dup.user'),
    ).toHaveLength(1);
  });

  it('issues an API key that works until it is revoked', async () => {
    const admin = injectAs(app, await authHeaders(services, 'admin'));
    const { account } = await createAccount(services, 'bank', { org: 'BANK-K' });
    const issued = await admin({
      method: 'POST',
      url: `/api/v1/accounts/${account.id}/api-keys`,
      payload: { label: 'loan system' },
    });
    expect(issued.statusCode).toBe(201);
    const { key, apiKey } = issued.json();
    const headers = { authorization: `Bearer ${key}` };
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
    expect(me.json()).toMatchObject({ id: account.id, role: 'bank', org: 'BANK-K', via: 'apiKey' });
    const listed = await admin({ method: 'GET', url: `/api/v1/accounts/${account.id}/api-keys` });
    expect(JSON.stringify(listed.json())).not.toContain(key.split('.')[1]);
    expect((await admin({ method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
    const tampered = `${key.slice(0, -2)}AA`;
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/v1/auth/me',
          headers: { authorization: `Bearer ${tampered}` },
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe('bank portfolio scope', () => {
  // Fixture links (undirected): WL–ZW–XH; XH–XHKG–LN–LS; XH–WF, XH–LY, XH–HD–SF–XH; QT alone.
  // Bank A is authorised for WL; with depth 2 it sees WL, ZW and XH only.
  let bankA: ReturnType<typeof injectAs>;
  let bankB: ReturnType<typeof injectAs>;

  beforeAll(async () => {
    bankA = injectAs(app, await authHeaders(services, 'bank', { org: 'BANK-A' }));
    bankB = injectAs(app, await authHeaders(services, 'bank', { org: 'BANK-B' }));
    const granted = await bankA({
      method: 'POST',
      url: '/api/v1/authorisations',
      payload: { subjectId: 'WL', basis: '借款人授权查询书 2026-11' },
    });
    expect(granted.statusCode).toBe(201);
  });

  it('sees its portfolio and linked parties within the depth, and nothing else', async () => {
    expect((await bankA({ method: 'GET', url: '/api/v1/subjects/WL' })).statusCode).toBe(200);
    const xh = await bankA({ method: 'GET', url: '/api/v1/subjects/XH' });
    expect(xh.statusCode).toBe(200);
    expect(new Set(xh.json().roles.map((r: { other: { id: string } }) => r.other.id))).toEqual(
      new Set(['ZW']),
    );
    for (const id of ['LS', 'XHKG', 'QT', 'no-such-subject']) {
      const res = await bankA({ method: 'GET', url: `/api/v1/subjects/${id}` });
      expect(res.statusCode, id).toBe(403);
      expect(res.json().error.code).toBe('OUT_OF_SCOPE');
    }
    const other = await bankB({ method: 'GET', url: '/api/v1/subjects/WL' });
    expect(other.statusCode).toBe(403);
  });

  it('never returns an out-of-scope subject through search, summaries, network, paths or ownership', async () => {
    const visible = new Set(['WL', 'ZW', 'XH']);
    const search = await bankA({ method: 'GET', url: `/api/v1/subjects?q=${encodeURIComponent('星河')}` });
    const found = search.json().items.map((i: { id: string }) => i.id);
    expect(found).toContain('XH');
    expect(found.filter((id: string) => !visible.has(id))).toEqual([]);

    const summaries = await bankA({
      method: 'POST',
      url: '/api/v1/subjects/summaries',
      payload: { ids: ['XH', 'LS', 'QT'] },
    });
    expect(summaries.json().items.map((i: { id: string }) => i.id)).toEqual(['XH']);

    const net = await bankA({ method: 'GET', url: '/api/v1/subjects/XH/network?depth=4' });
    expect(net.statusCode).toBe(200);
    const nodes = net.json().nodes.map((n: { id: string }) => n.id);
    expect(new Set(nodes)).toEqual(visible);
    for (const e of net.json().edges) expect(visible.has(e.from) && visible.has(e.to)).toBe(true);

    const path = await bankA({ method: 'GET', url: '/api/v1/paths?from=WL&to=XH&maxHops=4' });
    expect(path.statusCode).toBe(200);
    for (const p of path.json().paths) for (const n of p.nodes) expect(visible.has(n)).toBe(true);
    for (const s of path.json().subjects) expect(visible.has(s.id)).toBe(true);
    expect((await bankA({ method: 'GET', url: '/api/v1/paths?from=WL&to=LS&maxHops=6' })).statusCode).toBe(
      403,
    );

    const up = await bankA({ method: 'GET', url: '/api/v1/subjects/XH/ownership?direction=up' });
    expect(up.statusCode).toBe(200);
    expect(up.json().stakes.map((s: { id: string }) => s.id)).toEqual(['ZW']);

    // The regulator, unscoped, sees the whole structure.
    const regulator = injectAs(app, await authHeaders(services, 'regulator'));
    const all = await regulator({ method: 'GET', url: '/api/v1/subjects/XH/ownership?direction=up' });
    expect(
      all
        .json()
        .stakes.map((s: { id: string }) => s.id)
        .sort(),
    ).toEqual(['LN', 'XHKG', 'ZW']);
  });

  it('a watchlist brings its subjects into the portfolio at once, and deleting it takes them away', async () => {
    const bankD = injectAs(app, await authHeaders(services, 'bank', { org: 'BANK-D' }));
    expect((await bankD({ method: 'GET', url: '/api/v1/subjects/LS' })).statusCode).toBe(403);
    const made = await bankD({
      method: 'POST',
      url: '/api/v1/watchlists',
      payload: { name: '授信客户', subjects: ['LS'] },
    });
    expect(made.statusCode).toBe(201);
    expect((await bankD({ method: 'GET', url: '/api/v1/subjects/LS' })).statusCode).toBe(200);
    // LN is LS's legal representative and shareholder: one hop away, inside the default depth.
    expect((await bankD({ method: 'GET', url: '/api/v1/subjects/LN' })).statusCode).toBe(200);
    expect((await bankD({ method: 'DELETE', url: `/api/v1/watchlists/${made.json().id}` })).statusCode).toBe(
      204,
    );
    expect((await bankD({ method: 'GET', url: '/api/v1/subjects/LS' })).statusCode).toBe(403);
  });

  it('withdrawing the authorisation takes the portfolio away', async () => {
    const bankC = injectAs(app, await authHeaders(services, 'bank', { org: 'BANK-C' }));
    await bankC({
      method: 'POST',
      url: '/api/v1/authorisations',
      payload: { subjectId: 'QT', basis: 'loan application' },
    });
    expect((await bankC({ method: 'GET', url: '/api/v1/subjects/QT' })).statusCode).toBe(200);
    expect((await bankC({ method: 'DELETE', url: '/api/v1/authorisations/QT' })).statusCode).toBe(204);
    expect((await bankC({ method: 'GET', url: '/api/v1/subjects/QT' })).statusCode).toBe(403);
    const unknown = await bankC({
      method: 'POST',
      url: '/api/v1/authorisations',
      payload: { subjectId: 'nope', basis: 'x' },
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('audit log', () => {
  it('records reads of a person with actor, route, subject and outcome, and filters by subject', async () => {
    const { account } = await createAccount(services, 'regulator', { username: 'reg.audit' });
    const { token } = await services.access.sessions.create({
      accountId: account.id,
      username: account.username,
      role: 'regulator',
      org: null,
    });
    const reg = injectAs(app, { authorization: `Bearer ${token}` });
    expect((await reg({ method: 'GET', url: '/api/v1/subjects/ZW' })).statusCode).toBe(200);
    expect((await reg({ method: 'POST', url: '/api/v1/imports', payload: 'x' })).statusCode).toBe(403);
    const page = await reg({ method: 'GET', url: '/api/v1/audit?subject=ZW&actor=reg.audit' });
    expect(page.statusCode).toBe(200);
    expect(page.json().items[0]).toMatchObject({
      actor: account.id,
      username: 'reg.audit',
      role: 'regulator',
      method: 'GET',
      route: '/api/v1/subjects/:id',
      subjects: ['ZW'],
      status: 200,
      outcome: 'ok',
    });
    const denied = await reg({ method: 'GET', url: '/api/v1/audit?outcome=denied&actor=reg.audit' });
    expect(denied.json().items[0]).toMatchObject({ route: '/api/v1/imports', status: 403 });
  });

  it('verifies, and names the first entry when one stored entry is altered', async () => {
    const admin = injectAs(app, await authHeaders(services, 'admin'));
    const before = await admin({ method: 'GET', url: '/api/v1/audit/verify' });
    expect(before.json()).toMatchObject({ ok: true, broken: null });
    expect(before.json().checked).toBeGreaterThan(10);

    const session = services.gateway.driver.session();
    let original: { status: number; path: string };
    try {
      const read = await session.run(
        'MATCH (e:AuditEntry {seq: 5}) RETURN e.status AS status, e.path AS path',
      );
      original = {
        status: Number(read.records[0]?.get('status')),
        path: String(read.records[0]?.get('path')),
      };
      await session.run("MATCH (e:AuditEntry {seq: 5}) SET e.path = '/api/v1/subjects/somebody-else'");
    } finally {
      await session.close();
    }
    const after = await admin({ method: 'GET', url: '/api/v1/audit/verify' });
    expect(after.json().ok).toBe(false);
    expect(after.json().broken).toMatchObject({ seq: 5, reason: 'content does not match its hash' });

    const s2 = services.gateway.driver.session();
    try {
      await s2.run('MATCH (e:AuditEntry {seq: 5}) SET e.path = $path', { path: original.path });
      expect((await admin({ method: 'GET', url: '/api/v1/audit/verify' })).json().ok).toBe(true);
      await s2.run('MATCH (e:AuditEntry {seq: 7}) DETACH DELETE e');
    } finally {
      await s2.close();
    }
    const removed = await admin({ method: 'GET', url: '/api/v1/audit/verify' });
    expect(removed.json().broken?.seq).toBe(7);
  });
});
