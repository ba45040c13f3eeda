import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { decodeQrFromPng, launchBrowser, screenshotPath } from '../helpers/browser.ts';
import { createResident } from '../helpers/world.ts';

/**
 * The households console in headless Chromium at 1280 × 800 (and 360 wide): every door plate's
 * QR on the printed sheet decodes to that household's plate URL; screenshots of the household
 * file, the plate sheet (on screen and as printed on A4) and the scoring notice go to
 * test-results/screenshots/console-households-*.png.
 */
describe('households console in a browser', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let base = '';
  let server: ReturnType<typeof serve>;
  let liId = '';

  const shot = (name: string, fullPage = true) =>
    page.screenshot({ path: screenshotPath(`console-households-${name}`), fullPage });

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-02T02:00:00Z' });
    let token = await api.login();
    const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
      api.call(method, path, {
        token,
        ...(body === undefined ? {} : { body }),
        ...(headers ? { headers } : {}),
      });
    const titles = ['包卫生', '包绿化', '包秩序', '包设施', '包安全'];
    const template = await (
      await call('POST', '/v1/inspection-templates', {
        name: '门前三包',
        items: titles.map((title, i) => ({ code: `item-${i + 1}`, title, kept: 1, lost: 0 })),
        bonus: { cap: 10, items: [{ code: 'bonus-1', title: '志愿服务', points: 2 }] },
        monthRule: 'every_check',
      })
    ).json();
    const member = await createResident(api, token, '李桂英', 0);
    await call(
      'POST',
      '/v1/grants',
      { residentId: member.id, points: 20, reason: '清理小广告' },
      { 'idempotency-key': 'grant-browser-1' },
    );
    const people = ['李家', '王家', '张家', '赵家', '刘家', '陈家', '杨家', '黄家', '周家'];
    const ids: string[] = [];
    for (const [i, name] of people.entries()) {
      const res = await call('POST', '/v1/households', {
        name,
        doorNumber: `窑子上 ${i + 1}号院`,
        community: '窑子上',
        grid: i < 5 ? '一网格' : '二网格',
        ...(i === 0 ? { memberIds: [member.id] } : {}),
      });
      ids.push((await res.json()).id);
    }
    liId = ids[0]!;
    for (const [day, fails] of [
      ['2026-11-03', 0],
      ['2026-11-10', 1],
      ['2026-11-17', 2],
      ['2026-11-24', 0],
    ] as const) {
      api.clock.set(`${day}T02:00:00Z`);
      token = await api.login();
      for (const [i, id] of ids.entries()) {
        const failed = new Set(titles.map((_, k) => `item-${k + 1}`).filter((_, k) => (i + k) % 5 < fails));
        const items = titles.map((_, k) => ({ code: `item-${k + 1}`, ok: !failed.has(`item-${k + 1}`) }));
        if (i % 3 === 0) items.push({ code: 'bonus-1', ok: true });
        const res = await call(
          'POST',
          '/v1/inspections',
          { householdId: id, templateId: template.id, items },
          { 'idempotency-key': `b-${id}-${day}` },
        );
        expect(res.status).toBe(201);
      }
    }
    api.clock.set('2026-12-02T02:00:00Z');
    token = await api.login();
    expect((await call('POST', '/v1/scoring/months/2026-11/close', {})).status).toBe(200);

    server = serve({ hostname: '127.0.0.1', port: 0, fetch: api.app.fetch });
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    page = await context.newPage();
    await page.goto(`${base}/console/login`);
    await page.fill('input[name=email]', ADMIN.email);
    await page.fill('input[name=password]', ADMIN.password);
    await page.click('main button[type=submit]');
    await page.waitForURL(`${base}/console/`);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await api?.close();
  });

  it('searching a door number opens the household file', async () => {
    await page.click('header a[href="/console/households"]');
    await shot('search');
    await page.setViewportSize({ width: 360, height: 800 });
    await shot('search-360');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.fill('#q', '1号院');
    await page.click('form[data-search=households] button[type=submit]');
    await page.waitForURL(`${base}/console/households/${liId}`);
    expect(await page.textContent('h1')).toContain('窑子上 1号院');
    expect(await page.locator('[data-sheet="2026-11"][data-status="closed"]').count()).toBe(1);
    await shot('file');
    await page.setViewportSize({ width: 360, height: 800 });
    await shot('file-360');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('every plate’s QR decodes to its plate URL', async () => {
    await page.goto(`${base}/console/households/plates`);
    const labels = page.locator('[data-plate]');
    expect(await labels.count()).toBe(9);
    for (let i = 0; i < 9; i++) {
      const label = labels.nth(i);
      const url = await label.getAttribute('data-plate-url');
      expect(url).toMatch(new RegExp(`^${base}/inspect/[A-Za-z0-9_-]{22}$`));
      const decoded = decodeQrFromPng(await label.locator('svg').screenshot());
      expect(decoded, `plate ${i}`).toBe(url);
    }
    await shot('plates');
    await page.setViewportSize({ width: 360, height: 800 });
    await shot('plates-360');
    // As printed: A4 at 96 dpi, the print styles on.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await shot('plates-print');
    const printed = decodeQrFromPng(await labels.nth(0).locator('svg').screenshot());
    expect(printed).toBe(await labels.nth(0).getAttribute('data-plate-url'));
    // Nine households print on two A4 sheets of eight labels at most.
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBe(2);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('the scoring notice ranks all households and prints with the committee line', async () => {
    await page.goto(`${base}/console/notice?month=2026-11`);
    await page.click('a[href="/console/notice/scoring?month=2026-11"]');
    await page.waitForURL(/\/console\/notice\/scoring/);
    expect(await page.locator('[data-table=ranked] tbody tr').count()).toBe(9);
    expect(await page.textContent('[data-signature]')).toContain('居民监督委员会（签字、盖章）');
    await shot('notice');
    await page.setViewportSize({ width: 360, height: 800 });
    await shot('notice-360');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${base}/console/scoring`);
    await shot('scoring');
    await page.goto(`${base}/console/scoring/templates`);
    await shot('templates');
  });
});
