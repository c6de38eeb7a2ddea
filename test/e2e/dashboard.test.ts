/**
 * Issue 8 dashboard end to end in headless Chromium: the credit office's demo account signs in and lands on the
 * dashboard, picks the last year, and sees the four charts drawn from GET /api/v1/stats/overview (the same
 * numbers the API gives); the language switch keeps the period and shows English labels.
 * Screenshots go to test/e2e/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoAccounts } from '../../server/auth/demo-accounts.ts';
import { loadOverviewFixture } from '../integration/stats/fixture.ts';
import { launchChromium, openPage, type RunningApp, SCREENSHOTS, startApp } from './support.ts';

let running: RunningApp;
let browser: Browser;
let page: Page;
let office: { username: string; password: string };
const consoleErrors: string[] = [];

const shot = (name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  running = await startApp();
  await loadOverviewFixture(running.services);
  const demo = await ensureDemoAccounts(running.services);
  office = demo.find((a) => a.role === 'credit_office')!;
  browser = await launchChromium();
  page = await openPage(browser, consoleErrors);
});

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

/** Waits until the dashboard has drawn the period now in its inputs. */
async function loaded(from: string) {
  await page.waitForFunction(
    (f) =>
      location.hash.includes(`from=${f}`) &&
      document.querySelector('#dashboard-page')?.getAttribute('data-loaded') === 'true' &&
      !document.querySelector('#dash-grid.loading'),
    from,
  );
}

describe('dashboard', () => {
  it('lands the credit office on the dashboard and draws the four charts from the overview', async () => {
    await page.goto(`${running.baseUrl}/#/login`);
    await page.fill('#login-username', office.username);
    await page.fill('#login-password', office.password);
    await page.click('#login-submit');
    await page.waitForSelector('#dashboard-page');
    expect(page.url()).toContain('#/dashboard');
    await expect(page.textContent('.topbar nav a[data-nav="dashboard"]')).resolves.toBe('统计看板');

    await page.click('button[data-preset="365"]');
    const from = await page.inputValue('#dash-from');
    const to = await page.inputValue('#dash-to');
    await loaded(from);
    expect(await page.inputValue('#dash-bucket')).toBe('month');

    // The numbers the API gives the same account for the same period.
    const token = await page.evaluate(() => {
      for (const k of Object.keys(localStorage)) {
        const v = localStorage.getItem(k) ?? '';
        const m = /"token":"([^"]+)"/.exec(v);
        if (m) return m[1];
      }
      for (const k of Object.keys(sessionStorage)) {
        const m = /"token":"([^"]+)"/.exec(sessionStorage.getItem(k) ?? '');
        if (m) return m[1];
      }
      return null;
    });
    expect(token).toBeTruthy();
    const res = await fetch(`${running.baseUrl}/api/v1/stats/overview?from=${from}&to=${to}&bucket=month`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const o = await res.json();
    expect(o.alerts.total).toBeGreaterThan(0);

    const columns = await page.$$eval('#dash-alerts-chart g.col', (els) =>
      els.map((e) => [e.getAttribute('data-period'), Number(e.getAttribute('data-total'))]),
    );
    expect(columns).toEqual(
      o.alerts.series.map((s: { bucket: string; counts: Record<string, number> }) => [
        s.bucket,
        Object.values(s.counts).reduce((a, b) => a + b, 0),
      ]),
    );
    expect(await page.textContent('#dash-alerts-note')).toContain(String(o.alerts.total));

    const barValues = (id: string) =>
      page.$$eval(`#${id} g.bar`, (els) =>
        els.map((e) => [e.getAttribute('data-key'), Number(e.querySelector('.bar-value')?.textContent)]),
      );
    expect(await barValues('dash-class-chart')).toEqual(
      (['A', 'B', 'C', 'D'] as const).map((c) => [c, o.classes.counts[c]]),
    );
    expect(o.classes.total).toBe(6);
    expect(await barValues('dash-records-chart')).toEqual(
      o.records.byCategory.map((c: { category: string; total: number }) => [c.category, c.total]),
    );
    expect(o.records.total).toBeGreaterThan(0);
    expect(await barValues('dash-measures-chart')).toEqual(
      o.measures.byDepartment.map((d: { department: { zh: string }; counts: { total: number } }) => [
        d.department.zh,
        d.counts.total,
      ]),
    );
    expect(o.measures.totals.total).toBeGreaterThan(0);
    await expect(page.textContent('#dash-records-chart')).resolves.toContain('行政处罚');
    await shot('dashboard-zh');

    // English: the same period, English titles and labels.
    await page.click('#lang-toggle');
    await page.waitForFunction(
      () => document.querySelector('#dashboard-page h1')?.textContent === 'Dashboard',
    );
    await loaded(from);
    await expect(page.textContent('#dash-alerts h2')).resolves.toBe('Alerts over time (by severity)');
    await expect(page.textContent('#dash-classes h2')).resolves.toBe('Risk class distribution');
    await expect(page.textContent('#dash-measures h2')).resolves.toBe('Measures applied by department');
    await expect(page.textContent('#dash-records h2')).resolves.toBe('Records by category');
    await expect(page.textContent('#dash-alerts-chart .chart-legend')).resolves.toContain('critical');
    await expect(page.textContent('#dash-class-chart')).resolves.toContain('A low risk');
    expect(await page.$$('#dash-alerts-chart g.col rect')).not.toHaveLength(0);
    await shot('dashboard-en');

    // A reversed period is refused in the page, naming what to fix.
    await page.fill('#dash-from', '2026-06-01');
    await page.fill('#dash-to', '2026-05-01');
    await page.click('#dash-apply');
    await page.waitForSelector('#dash-status .state-error');
    expect(consoleErrors).toEqual([]);
  });
});
