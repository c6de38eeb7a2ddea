/**
 * Issue 8 credit-office queues end to end in real headless Chromium against the real server and databases: the
 * joint-punishment world is imported, objections and a repair application are filed through the API, and the
 * credit office decides them on #/queues — an objection upheld (after the form refuses a missing outcome and
 * reason), one refused by the API because someone else decided it meanwhile (its message shown), and a repair
 * taken up for review then approved — each row's new status checked against the API. A regulator reads the
 * queues without decision controls; a bank and an analyst get no queues entry and the not-allowed message.
 * Screenshots go to test/e2e/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../domain/dates/iso-date.ts';
import { importRows, org, T, worldRows } from '../integration/punishment/world.ts';
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

type QueueItem = {
  id: string;
  status: string;
  record: { status: string };
  decided: { by: string; action: string; reason: string } | null;
};

let running: RunningApp;
let browser: Browser;
let page: Page;
let office: Credentials;
let regulator: Credentials;
let bank: Credentials;
let analyst: Credentials;
let officeApi: Record<string, string>;
const objection: Record<string, string> = {};
let repairId: string;
const consoleErrors: string[] = [];

const shot = (p: Page, name: string) =>
  p.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
const text = async (p: Page, selector: string) => (await p.textContent(selector)) ?? '';
const item = (id: string) => `#queue-list .queue-item[data-id="${id}"]`;

/** More records on B, objected to later so the queue needs a second page (20 a page). */
const EXTRA = 21;
const extraRecords = () =>
  Array.from({ length: EXTRA }, (_, i) => ({
    kind: 'record',
    id: `rec-B${i + 1}`,
    subject: `id:${org('B')}`,
    category: 'administrative_penalty',
    severity: 'general',
    authority: '市场监督管理局',
    actDate: addDays(T, -60),
    decisionDate: addDays(T, -30),
    title: `第 ${i + 1} 号处罚决定`,
  }));

/** Waits until the queues page shows `tab` loaded. */
const loaded = (p: Page, tab: 'objections' | 'repairs') =>
  p.waitForSelector(`#queues-page[data-loaded="true"][data-tab="${tab}"]`);

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  running = await startApp();
  const summary = await importRows(running.services, [...worldRows(), ...extraRecords()]);
  expect(summary.errors).toEqual([]);
  officeApi = { ...(await authHeaders(running.services, 'credit_office')) };
  for (const recordId of ['rec-A1', 'rec-E']) {
    const res = await callJson<{ objection: { id: string } }>(
      running,
      officeApi,
      'POST',
      `/api/v1/records/${recordId}/objections`,
      {
        submittedBy: recordId === 'rec-A1' ? '揭阳市测试A有限公司 法务部' : '揭阳市测试E有限公司',
        reason: recordId === 'rec-A1' ? '处罚决定认定的违法事实有误，已提交复议材料' : '该处罚已履行完毕',
      },
    );
    objection[recordId] = res.objection.id;
  }
  const applied = await callJson<{ application: { id: string } }>(
    running,
    officeApi,
    'POST',
    '/api/v1/records/rec-D/repairs',
    {
      applicant: '揭阳市测试D有限公司',
      reason: '罚款已缴清，违法行为已整改，申请信用修复',
    },
  );
  repairId = applied.application.id;

  const make = async (role: 'credit_office' | 'regulator' | 'bank' | 'analyst', username: string) => {
    const a = await createAccount(running.services, role, { username });
    return { username: a.account.username, password: a.password };
  };
  office = await make('credit_office', 'e2e.office');
  regulator = await make('regulator', 'e2e.regulator');
  bank = await make('bank', 'e2e.bank');
  analyst = await make('analyst', 'e2e.analyst');

  browser = await launchChromium();
  page = await openPage(browser, consoleErrors);
});

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

describe('credit-office queues', () => {
  it('lists the open objections, newest first, each linked to its subject', async () => {
    await signIn(running, page, office, 'credit_office');
    expect(await page.$('.topbar nav a[data-nav="queues"]')).not.toBeNull();
    expect(await text(page, '.topbar nav a[data-nav="queues"]')).toBe('异议与修复');
    await page.click('.topbar nav a[data-nav="queues"]');
    await loaded(page, 'objections');
    expect(page.url()).toMatch(/#\/queues$/);
    expect(
      await page.$$eval('#queue-list .queue-item', (els) => els.map((e) => e.getAttribute('data-id'))),
    ).toEqual([objection['rec-E'], objection['rec-A1']]);
    const a1 = item(objection['rec-A1']!);
    expect(await page.getAttribute(a1, 'data-status')).toBe('open');
    expect(await page.getAttribute(a1, 'data-record-status')).toBe('under_objection');
    expect(await page.getAttribute(`${a1} a.queue-subject`, 'href')).toBe(`#/subject/${org('A')}`);
    expect(await text(page, a1)).toContain('揭阳市测试A有限公司');
    expect(await text(page, a1)).toContain('处罚决定认定的违法事实有误');
    expect(await text(page, a1)).toContain('异议中');
    expect(await text(page, '#queues-meta')).toBe('已显示 2 项');
    await shot(page, '20-queues-objections');
  });

  it('refuses a decision without an outcome or a reason, then upholds the objection', async () => {
    const a1 = item(objection['rec-A1']!);
    await page.click(`${a1} .queue-decide-open`);
    await page.waitForSelector(`${a1} form.queue-form`);
    expect(await text(page, `${a1} .queue-decided-by`)).toBe('决定人：e2e.office');
    await page.click(`${a1} .queue-submit`);
    expect(await text(page, `${a1} .queue-message`)).toBe('请先选择决定结果。');
    await page.check(`${a1} input[data-choice="upheld"]`);
    await page.click(`${a1} .queue-submit`);
    expect(await text(page, `${a1} .queue-message`)).toContain('请写明理由');
    // Correcting without changing a field is refused in the page too.
    await page.check(`${a1} input[data-choice="corrected"]`);
    expect(await page.isVisible(`${a1} .queue-correction`)).toBe(true);
    await page.fill(`${a1} .queue-reason-input`, '复核后认定事实清楚，维持原处罚记录');
    await page.click(`${a1} .queue-submit`);
    expect(await text(page, `${a1} .queue-message`)).toContain('至少修改');
    await page.check(`${a1} input[data-choice="upheld"]`);
    expect(await page.isVisible(`${a1} .queue-correction`)).toBe(false);
    await shot(page, '21-queues-decision-form');
    await page.click(`${a1} .queue-submit`);
    await page.waitForSelector(`${a1}[data-status="upheld"]`);
    expect(await page.getAttribute(a1, 'data-record-status')).toBe('active');
    expect(await text(page, `${a1} .queue-message`)).toContain('已提交“维持原记录”');
    expect(await text(page, `${a1} .queue-decided`)).toContain('e2e.office');
    expect(await page.$(`${a1} .queue-decide-open`)).toBeNull();

    const upheld = await callJson<{ items: QueueItem[] }>(
      running,
      officeApi,
      'GET',
      '/api/v1/objections?status=upheld',
    );
    expect(upheld.items.map((i) => i.id)).toEqual([objection['rec-A1']]);
    expect(upheld.items[0]).toMatchObject({
      status: 'upheld',
      record: { status: 'active' },
      decided: {
        by: 'e2e.office',
        action: 'objection_resolved_upheld',
        reason: '复核后认定事实清楚，维持原处罚记录',
      },
    });
  });

  it('shows the API refusal when someone else decided the objection meanwhile', async () => {
    await callJson(running, officeApi, 'PATCH', `/api/v1/objections/${objection['rec-E']}`, {
      outcome: 'revoked',
      decidedBy: '信用办 王',
      reason: '决定机关已撤回处罚决定',
    });
    const e = item(objection['rec-E']!);
    await page.click(`${e} .queue-decide-open`);
    await page.check(`${e} input[data-choice="upheld"]`);
    await page.fill(`${e} .queue-reason-input`, '维持');
    await page.click(`${e} .queue-submit`);
    await page.waitForSelector(`${e} .queue-message .queue-error`);
    expect(await text(page, `${e} .queue-message`)).toMatch(/^提交未成功：.*objection/);
    expect(await page.isEnabled(`${e} .queue-submit`)).toBe(true);
    await shot(page, '22-queues-refused');

    // The filter: decided objections only under their outcome, all of them under "all".
    await page.selectOption('#queue-filter-status', 'revoked');
    await loaded(page, 'objections');
    expect(page.url()).toContain('#/queues?status=revoked');
    expect(
      await page.$$eval('#queue-list .queue-item', (els) => els.map((x) => x.getAttribute('data-id'))),
    ).toEqual([objection['rec-E']]);
    expect(await text(page, item(objection['rec-E']!))).toContain('信用办 王');
    await page.selectOption('#queue-filter-status', 'open');
    await loaded(page, 'objections');
    await page.waitForSelector('#queue-list .state-empty');
    expect(await text(page, '#queue-list')).toContain('状态改为“全部”');
  });

  it('takes a repair application up for review, then approves it', async () => {
    await page.click('#queues-tab-repairs');
    await loaded(page, 'repairs');
    expect(page.url()).toContain('#/queues?tab=repairs');
    const r = item(repairId);
    expect(await page.getAttribute(r, 'data-status')).toBe('applied');
    expect(await text(page, r)).toContain('最早可修复日期');
    expect(await page.getAttribute(`${r} a.queue-subject`, 'href')).toBe(`#/subject/${org('D')}`);

    await page.click(`${r} .queue-decide-open`);
    expect(
      await page.$$eval(`${r} input[data-choice]`, (els) => els.map((e) => e.getAttribute('value'))),
    ).toEqual(['review']);
    expect(await page.isChecked(`${r} input[data-choice="review"]`)).toBe(true);
    await page.fill(`${r} .queue-reason-input`, '材料齐全，受理审核');
    await page.click(`${r} .queue-submit`);
    await page.waitForSelector(`${r}[data-status="under_review"]`);
    expect(await text(page, `${r} .queue-message`)).toContain('受理审核');

    await page.click(`${r} .queue-decide-open`);
    expect(
      await page.$$eval(`${r} input[data-choice]`, (els) => els.map((e) => e.getAttribute('value'))),
    ).toEqual(['approve', 'reject']);
    await page.check(`${r} input[data-choice="approve"]`);
    await page.fill(`${r} .queue-reason-input`, '罚款缴纳凭证与整改报告核实无误，准予修复');
    await page.click(`${r} .queue-submit`);
    await page.waitForSelector(`${r}[data-status="approved"]`);
    expect(await page.getAttribute(r, 'data-record-status')).toBe('repaired');
    expect(await text(page, `${r} .queue-message`)).toContain('已修复');
    await shot(page, '23-queues-repair-approved');

    const approved = await callJson<{ items: QueueItem[] }>(
      running,
      officeApi,
      'GET',
      '/api/v1/repairs?status=approved',
    );
    expect(approved.items.map((i) => i.id)).toEqual([repairId]);
    expect(approved.items[0]).toMatchObject({
      record: { status: 'repaired' },
      decided: { by: 'e2e.office', action: 'repair_approved' },
    });
    const pending = await callJson<{ items: QueueItem[] }>(
      running,
      officeApi,
      'GET',
      '/api/v1/repairs?status=pending',
    );
    expect(pending.items).toEqual([]);
  });

  it('switches to English on the queues page, keeping the tab', async () => {
    await page.selectOption('#queue-filter-status', '');
    await loaded(page, 'repairs');
    await page.click('#lang-toggle');
    await page.waitForFunction(() =>
      document.querySelector('#queues-page h2')?.textContent?.includes('Objections'),
    );
    await loaded(page, 'repairs');
    expect(await text(page, '.topbar nav a[data-nav="queues"]')).toBe('Queues');
    expect(await text(page, '#queues-tab-repairs')).toBe('Repair applications');
    expect(await text(page, item(repairId))).toContain('repaired');
    expect(await text(page, item(repairId))).toContain('Last decision: approved');
    await shot(page, '24-queues-english');
    await page.click('#lang-toggle');
    await page.waitForFunction(() =>
      document.querySelector('.topbar nav')?.textContent?.includes('异议与修复'),
    );
  });

  it('lets a regulator read the queues without deciding, a page at a time', async () => {
    for (let i = 1; i <= EXTRA; i++)
      await callJson(running, officeApi, 'POST', `/api/v1/records/rec-B${i}/objections`, {
        submittedBy: '揭阳市测试B有限公司',
        reason: `第 ${i} 号处罚适用依据有误`,
      });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' });
    const p = await context.newPage();
    try {
      await signIn(running, p, regulator, 'regulator');
      await p.click('.topbar nav a[data-nav="queues"]');
      await loaded(p, 'objections');
      expect(await text(p, '#queues-read-only')).toContain('只能查看');
      await p.selectOption('#queue-filter-status', '');
      await loaded(p, 'objections');
      expect(await p.$$('#queue-list .queue-item')).toHaveLength(20);
      expect(await text(p, '#queues-meta')).toContain('还有更多');
      expect(await p.$$('.queue-decide-open')).toHaveLength(0);
      await p.click('#queues-more');
      await p.waitForFunction(
        (n) => document.querySelectorAll('#queue-list .queue-item').length === n,
        EXTRA + 2,
      );
      expect(await p.$('#queues-more')).toBeNull();
      expect(await text(p, '#queues-meta')).toBe(`已显示 ${EXTRA + 2} 项`);
      const ids = await p.$$eval('#queue-list .queue-item', (els) =>
        els.map((e) => e.getAttribute('data-record')),
      );
      expect(new Set(ids).size).toBe(EXTRA + 2);
      expect(ids.slice(-2)).toEqual(['rec-E', 'rec-A1']);
      await shot(p, '26-queues-regulator');
    } finally {
      await context.close();
    }
  });

  for (const [who, role, label] of [
    [() => bank, 'bank', '银行'],
    [() => analyst, 'analyst', '分析人员'],
  ] as const) {
    it(`gives ${role === 'bank' ? 'a bank' : 'an analyst'} no queues entry and the not-allowed message`, async () => {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' });
      const p = await context.newPage();
      try {
        await signIn(running, p, who(), role);
        const nav = await p.$$eval('.topbar nav a', (els) => els.map((e) => e.getAttribute('data-nav')));
        expect(nav).not.toContain('queues');
        expect(nav.length).toBeGreaterThan(0);
        await p.goto(`${running.baseUrl}/#/queues`);
        await p.waitForSelector('#forbidden');
        expect(await text(p, '#forbidden')).toContain(label);
        expect(await p.$('#queues-page')).toBeNull();
        if (role === 'analyst') await shot(p, '25-queues-forbidden');
      } finally {
        await context.close();
      }
    });
  }

  it('logged no browser errors beyond the refused decision', () => {
    const refused = consoleErrors.filter((e) => e.includes('409'));
    expect(refused).toHaveLength(1);
    expect(consoleErrors.filter((e) => !e.includes('409'))).toEqual([]);
  });
});
