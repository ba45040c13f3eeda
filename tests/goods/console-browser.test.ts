/**
 * The 积分超市 console in headless Chromium: the section's index, a shop's goods and a good's page
 * at 1280 × 800, the shop's goods at 360 wide (every line fits, as a card per good), and the month
 * report printed on A4 (one landscape page for a shop of a few goods). Screenshots go to
 * test-results/screenshots/goods-*.png.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { launchBrowser, misfits, screenshotPath } from '../helpers/browser.ts';
import { type SupermarketWorld, supermarketWorld } from './shop-world.ts';

describe('the 积分超市 console in a browser', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let base = '';
  let server: ReturnType<typeof serve>;
  let world: SupermarketWorld;

  const shot = (name: string) => page.screenshot({ path: screenshotPath(`goods-${name}`), fullPage: true });

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-20T02:00:00Z' });
    world = await supermarketWorld(api, await api.login());
    server = serve({ hostname: '127.0.0.1', port: 0, fetch: api.app.fetch });
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser(['--lang=zh-CN']);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await page.goto(`${base}/console/login`);
    await page.fill('input[name=email]', ADMIN.email);
    await page.fill('input[name=password]', ADMIN.password);
    await Promise.all([page.waitForURL(`${base}/console/`), page.click('button[type=submit]')]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await api.close();
  });

  it('shows the section, a shop’s goods with the photo and the low lines, and a good’s page', async () => {
    await page.goto(`${base}/console/goods`);
    expect(await page.locator('table[data-table=flagged] tr.flagged').count()).toBe(1);
    await shot('index');
    await page.goto(`${base}/console/goods/shops/${world.shop.id}`);
    const photo = page.locator(`tr[data-good="${world.oil.id}"] img.thumb`);
    expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(160);
    expect(await page.locator('tr.low').count()).toBe(2);
    expect(await misfits(page)).toEqual([]);
    await shot('shop');
    await page.goto(`${base}/console/goods/${world.oil.id}`);
    await page.fill('#delivery-quantity', '6');
    await Promise.all([page.waitForURL(/saved=stock/), page.click('form[data-form=delivery] button')]);
    expect(await page.locator('p.ok').textContent()).toContain('已登记');
    expect(await page.locator('td[data-stock]').getAttribute('data-stock')).toBe('5');
    await shot('good');
  });

  it('fits a phone 360 wide: one card per good', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${base}/console/goods/shops/${world.shop.id}`);
    expect(await misfits(page, 360)).toEqual([]);
    await shot('shop-360');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('prints the month report on one A4 page', async () => {
    await page.goto(`${base}/console/goods/report?merchant=${world.shop.id}&month=2026-11`);
    await page.emulateMedia({ media: 'print' });
    // A4 landscape at 96 dpi, as the paper sees it.
    await page.setViewportSize({ width: 1123, height: 794 });
    expect(await page.locator('header').isVisible()).toBe(false);
    await shot('report-print');
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${base}/console/goods/suppliers?month=2026-11`);
    await shot('suppliers');
  });
});
