/**
 * The subject page's lists, measures in force and record objection / repair status end to end in real headless
 * Chromium against the real server and databases: the joint-punishment world is imported (company F has a
 * serious penalty rec-F, feng is its legal representative and is bound by the measures it triggers). feng's page
 * shows each measure with the chain record → legal representative of F → measure; an objection filed through the
 * API suspends them, and after a reload the measures show suspended and F's page shows rec-F under objection with
 * the open objection and a link to the queues. A bank sees the measures but none of the punishment-only parts
 * and its page never calls a punishment route. Screenshots go to test/e2e/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propagateRecords } from '../../jobs/propagate/propagate.ts';
import { importRows, org, per, worldRows } from '../integration/punishment/world.ts';
import { authHeaders, createAccount } from '../support/auth.ts';
import {
  type Credentials,
  callJson,
  launchChromium,
  openPage,
  type RunningApp,
  SCREENSHOTS,
  signIn,
  startApp,
} from './support.ts';

type Standing = {
  lists: Array<{ recordId: string; list: string }>;
  measures: Array<{ code: string; status: string; name: { zh: string } }>;
};

let running: RunningApp;
let browser: Browser;
let page: Page;
let office: Credentials;
let bank: Credentials;
let officeApi: Record<string, string>;
let bankApi: Record<string, string>;
const consoleErrors: string[] = [];

const shot = (p: Page, name: string) =>
  p.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
const text = async (p: Page, selector: string) => (await p.textContent(selector)) ?? '';

/** Opens a subject page and waits until its measures section has answered (list, measures or empty). */
async function openSubject(p: Page, id: string) {
  await p.goto(`${running.baseUrl}/#/subject/${encodeURIComponent(id)}`);
  await p.reload();
  await p.waitForSelector('#subject-name');
  await p.waitForSelector('#measures .measures-body, #measures .state-empty, #measures .state-error');
}

const measureCodes = (p: Page) =>
  p.$$eval('#measures .measure-card', (els) =>
    els.map((e) => [e.getAttribute('data-code'), e.getAttribute('data-status')]),
  );

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  running = await startApp();
  const summary = await importRows(running.services, worldRows());
  expect(summary.errors).toEqual([]);
  await propagateRecords(running.services.gateway, ['rec-F', 'rec-R']);
  officeApi = { ...(await authHeaders(running.services, 'credit_office')) };
  bankApi = { ...(await authHeaders(running.services, 'bank')) };
  for (const subjectId of [per('feng'), org('F')])
    await callJson(running, bankApi, 'POST', '/api/v1/authorisations', {
      subjectId,
      basis: '授信客户（e2e）',
    });
  const made = async (role: 'credit_office' | 'bank', username: string) => {
    const a = await createAccount(running.services, role, { username });
    return { username: a.account.username, password: a.password };
  };
  office = await made('credit_office', 'e2e.measures.office');
  bank = await made('bank', 'e2e.measures.bank');

  browser = await launchChromium();
  page = await openPage(browser, consoleErrors);
});

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

describe('subject page: lists, measures in force, objection and repair status', () => {
  it("shows the measures binding a company's legal representative with the record and the role chain", async () => {
    const standing = await callJson<Standing>(running, officeApi, 'GET', `/api/v1/subjects/${per('feng')}`);
    expect(standing.measures.length).toBeGreaterThan(0);
    await signIn(running, page, office, 'credit_office');
    await openSubject(page, per('feng'));
    expect(await measureCodes(page)).toEqual(standing.measures.map((m) => [m.code, 'in_force']));
    const first = '#measures .measure-card:first-child';
    const shown = await text(page, first);
    expect(shown).toContain(standing.measures[0]!.name.zh);
    expect(shown).toContain('执行中');
    expect(shown).toContain('实施部门');
    // The chain: the record, feng as legal representative of F (named, not by id), the measure binding him.
    expect(shown).toContain('rec-F');
    expect(shown).toContain('揭阳市测试F有限公司');
    expect(shown).toContain('测试feng 是 揭阳市测试F有限公司 的法定代表人');
    expect(shown).not.toContain(org('F'));
    expect(await page.$$(`${first} .reason-chain li`)).not.toHaveLength(0);
    await shot(page, '30-subject-measures');
  });

  it("shows the lists a subject is on, and each record's status with its history on expanding", async () => {
    const standing = await callJson<Standing>(running, officeApi, 'GET', `/api/v1/subjects/${org('R')}`);
    await openSubject(page, org('R'));
    const lists = await page.$$eval('#measures .list-entry', (els) =>
      els.map((e) => [e.getAttribute('data-record'), e.getAttribute('data-list')]),
    );
    expect(lists).toEqual(standing.lists.map((l) => [l.recordId, l.list]));
    expect(lists).toContainEqual(['rec-R', 'redlist']);
    expect(await text(page, '#measures')).toContain('红名单');

    await openSubject(page, org('F'));
    const row = '#record-rights .record-item[data-id="rec-F"]';
    expect(await page.getAttribute(row, 'data-status')).toBe('active');
    expect(await text(page, `${row} .record-status`)).toBe('有效');
    await page.click(`${row} summary`);
    await page.waitForSelector(`${row} .record-history .muted`);
    expect(await text(page, `${row} .record-history`)).toContain('没有异议或信用修复申请');
  });

  it('after an objection: the measures show suspended and the record under objection, linked to the queues', async () => {
    await callJson(running, officeApi, 'POST', '/api/v1/records/rec-F/objections', {
      submittedBy: '揭阳市测试F有限公司',
      reason: '并非本公司行为，已提交证明材料',
    });
    await openSubject(page, per('feng'));
    const codes = await measureCodes(page);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every(([, status]) => status === 'suspended')).toBe(true);
    expect(await text(page, '#measures .measure-card:first-child .measure-status')).toBe(
      '暂停执行（异议核实中）',
    );
    expect(await text(page, '#measures')).toContain('正在异议核实中');
    await shot(page, '31-subject-measures-suspended');

    await openSubject(page, org('F'));
    const row = '#record-rights .record-item[data-id="rec-F"]';
    await page.waitForSelector(`${row} .record-objection[data-state="open"]`);
    expect(await page.getAttribute(row, 'data-status')).toBe('under_objection');
    expect(await text(page, `${row} .record-status`)).toBe('异议中');
    expect(await text(page, `${row} .record-objection`)).toContain('并非本公司行为');
    expect(await page.getAttribute(`${row} a.queue-link`, 'href')).toBe('#/queues?tab=objections');
    await shot(page, '32-subject-record-under-objection');
  });

  it('renders for a bank without the punishment-only parts and without calling punishment routes', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' });
    const p = await context.newPage();
    const asked: string[] = [];
    const errors: string[] = [];
    p.on('request', (r) => {
      if (/\/api\/v1\/(records|objections|repairs|check|measures)\b/.test(r.url())) asked.push(r.url());
    });
    p.on('pageerror', (e) => errors.push(e.message));
    try {
      await signIn(running, p, bank, 'bank');
      await openSubject(p, per('feng'));
      const codes = await measureCodes(p);
      expect(codes.length).toBeGreaterThan(0);
      expect(codes.every(([, status]) => status === 'suspended')).toBe(true);
      await openSubject(p, org('F'));
      const row = '#record-rights .record-item[data-id="rec-F"]';
      await p.waitForSelector(row);
      expect(await text(p, `${row} .record-status`)).toBe('异议中');
      expect(
        await p.$$('#record-rights .record-history, #record-rights .record-more, a.queue-link'),
      ).toHaveLength(0);
      expect(await p.$('#risk')).not.toBeNull();
      await shot(p, '33-subject-bank');
      expect(asked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('speaks English too', async () => {
    await page.evaluate(() => localStorage.setItem('lang', 'en'));
    await openSubject(page, per('feng'));
    const shown = await text(page, '#measures');
    expect(shown).toContain('Lists and measures in force');
    expect(shown).toContain('suspended (under objection)');
    expect(shown).toContain('legal representative of 揭阳市测试F有限公司');
    await shot(page, '34-subject-measures-english');
    await page.evaluate(() => localStorage.setItem('lang', 'zh'));
  });

  it('logged no browser errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
