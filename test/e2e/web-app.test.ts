/**
 * The web app end to end in real headless Chromium against the real server and databases, with data loaded
 * through the real import and scored by the real rescoring job: search, subject page, network explorer
 * (expand twice, as-of slider), path finder, language switch. Screenshots go to test/e2e/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rescoreAll } from '../../jobs/score/rescore.ts';
import { loadSubjectsFixture, waitForNameIndex } from '../integration/subjects/fixture.ts';
import { authHeaders, createAccount } from '../support/auth.ts';
import { launchChromium, openPage, type RunningApp, SCREENSHOTS, startApp } from './support.ts';

let running: RunningApp;
let browser: Browser;
let page: Page;
let signIn: { username: string; password: string };
const consoleErrors: string[] = [];

const shot = (name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
const nodeCount = async () => Number(await page.getAttribute('#network-view', 'data-nodes'));
const settled = () => page.waitForSelector('#network-view[data-settled="true"]', { timeout: 30_000 });

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  running = await startApp();
  const fx = await loadSubjectsFixture(running.services);
  expect(fx.summary.errorCount, JSON.stringify(fx.summary.errors)).toBe(0);
  await rescoreAll(running.services.gateway);
  const { account, password } = await createAccount(running.services, 'credit_office', {
    username: 'e2e.office',
  });
  signIn = { username: account.username, password };
  const headers = await authHeaders(running.services, 'admin');
  await waitForNameIndex(async () => {
    const res = await fetch(`${running.baseUrl}/api/v1/subjects?q=${encodeURIComponent('星河')}`, {
      headers,
    });
    return ((await res.json()) as { items: unknown[] }).items.length;
  });
  browser = await launchChromium();
  page = await openPage(browser, consoleErrors);
});

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

describe('web app', () => {
  it('asks to sign in, refuses a wrong password, and signs in showing the role', async () => {
    await page.goto(`${running.baseUrl}/`);
    await page.waitForSelector('#login-form');
    expect(page.url()).toContain('#/login');
    await page.fill('#login-username', signIn.username);
    await page.fill('#login-password', 'wrong-password-here');
    await page.click('#login-submit');
    await page.waitForFunction(() =>
      document.querySelector('#login-message')?.textContent?.includes('密码错误'),
    );
    await shot('00-login-failed');
    await page.fill('#login-password', signIn.password);
    await page.click('#login-submit');
    await page.waitForSelector('#account[data-role="credit_office"]');
    await expect(page.textContent('#account')).resolves.toContain('信用办');
  });

  it('searches by a partial Chinese name with instant results', async () => {
    await page.goto(`${running.baseUrl}/`);
    await expect(page.textContent('.topbar nav')).resolves.toContain('主体查询');
    await page.fill('#search-input', '星河');
    await page.waitForSelector('#search-results .hit[data-id="XH"]');
    const names = await page.$$eval('#search-results .hit-name', (els) => els.map((e) => e.textContent));
    expect(names).toContain('深圳市星河科技有限公司');
    await shot('01-search');
  });

  it('opens a subject: class badge, factor chart, records, roles, ownership', async () => {
    await page.click('#search-results .hit[data-id="XH"]');
    await page.waitForSelector('#subject-name');
    expect(await page.textContent('#subject-name')).toBe('深圳市星河科技有限公司');
    await page.waitForSelector('#factor-chart svg .bar');
    const badge = await page.getAttribute('.subject-title .badge', 'data-class');
    expect(['A', 'B', 'C', 'D']).toContain(badge);
    expect(await page.$$eval('#factor-chart .bar', (els) => els.length)).toBeGreaterThan(0);
    await page.waitForSelector('#records-timeline circle');
    await page.waitForSelector('#roles-timeline .role-past');
    await page.waitForSelector('#ownership-tree li[data-id="LN"]');
    expect(await page.textContent('#ownership-tree')).toContain('李娜');
    await shot('02-subject');
  });

  it('explores the network: expand twice, then replay a past date', async () => {
    await page.click('#open-network');
    await page.waitForSelector('#network-view svg g.node[data-id="XHKG"]');
    await settled();
    const before = await nodeCount();
    expect(before).toBeGreaterThan(3);
    expect(await page.$('g.node[data-id="WF"]')).toBeNull(); // the past director is not there today

    await page.dblclick('g.node[data-id="XHKG"] path');
    await page.waitForSelector('g.node[data-id="LN"]');
    await settled();
    const once = await nodeCount();
    expect(once).toBeGreaterThan(before);

    await page.dblclick('g.node[data-id="LN"] path');
    await page.waitForSelector('g.node[data-id="LS"]');
    await settled();
    expect(await nodeCount()).toBeGreaterThan(once);
    await page.hover('g.node[data-id="LN"] path');
    await page.waitForSelector('#hover-card:not([hidden])');
    await shot('03-network-expanded');

    await page.$eval('#asof-slider', (el) => {
      const input = el as HTMLInputElement;
      input.value = String(Math.round((Date.UTC(2018, 5, 1) - Date.UTC(2010, 0, 1)) / 86_400_000));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.waitForSelector('g.node[data-id="WF"]', { timeout: 30_000 });
    expect(await page.textContent('#asof-label')).toBe('2018-06-01');
    await settled();
    await page.selectOption('#detector-select', 'guarantee-circles');
    await page.waitForSelector('g.node.highlighted[data-id="HD"]', { timeout: 30_000 });
    await shot('04-network-as-of-2018');
  });

  it('finds ranked paths between two subjects', async () => {
    await page.click('[data-nav="paths"]');
    await page.fill('#path-from', '李娜');
    await page.click('.picker-item[data-id="LN"]');
    await page.fill('#path-to', '恒达');
    await page.click('.picker-item[data-id="HD"]');
    await page.click('#find-paths');
    await page.waitForSelector('#paths-results .path');
    const first = await page.textContent('#paths-results .path[data-rank="1"]');
    expect(first).toContain('李娜');
    expect(first).toContain('广州市恒达贸易有限公司');
    await shot('05-paths');
  });

  it('switches to English with one click', async () => {
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.querySelector('.topbar nav')?.textContent?.includes('Search'));
    expect(await page.textContent('#lang-toggle')).toBe('中文');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.goto(`${running.baseUrl}/#/subject/XH`);
    await page.waitForSelector('#factor-chart svg .bar');
    expect(await page.textContent('#identity h3')).toBe('Identity');
    await shot('06-subject-english');
  });

  it('logged no errors in the browser console (beyond the refused wrong password)', () => {
    const refusedLogins = consoleErrors.filter((e) => e.includes('401'));
    expect(refusedLogins).toHaveLength(1);
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
