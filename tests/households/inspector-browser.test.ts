/**
 * The inspector's phone page in headless Chromium at 360 × 800 against the real server on a real
 * database (issue #16's "done when"): an inspector opens a household's door-plate address, signs
 * in, is back on the household's sheet, scores it with taps (some items 差), adds a photo to a
 * failed item, saves with the network cut — the check waits on the phone — and when the network
 * is back the check is saved, once, with the photo scaled on the phone. A second household's
 * check whose answer is lost on the way back is sent again when the page is opened again, and is
 * still one check. Screenshots: test-results/screenshots/inspect-*.png (also at 240 px wide
 * with the text at 200 %).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { bootstrap } from '../../api/bootstrap.ts';
import { systemClock } from '../../api/clock.ts';
import { evidence } from '../../api/db/schema/index.ts';
import { type HouseholdView, SheetList, type TemplateView } from '../../shared/api/households.ts';
import { ADMIN } from '../helpers/api.ts';
import { launchBrowser, newPhoneContext, screenshotPath } from '../helpers/browser.ts';
import { cameraPhoto, jpegSize } from '../helpers/photos.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

const INSPECTOR = { email: 'inspector@test.cn', password: 'inspector password 1' };
const ITEMS = [
  { code: 'clean', title: '包卫生' },
  { code: 'green', title: '包绿化' },
  { code: 'order', title: '包秩序' },
  { code: 'sign', title: '门前无乱贴乱画' },
  { code: 'pile', title: '门前无乱堆乱放' },
];
const FAILED = ['green', 'pile'];

describe("the inspector's phone page in a browser", () => {
  let database: TestDatabase;
  let server: ReturnType<typeof serve>;
  let baseUrl: string;
  let coordinator: string;
  let template: TemplateView;
  let east: HouseholdView;
  let north: HouseholdView;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;

  async function json<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${coordinator}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }
  const tokenOf = (h: HouseholdView) => h.plateUrl!.split('/').at(-1)!;
  const month = () => new Date().toISOString().slice(0, 7);
  async function checksOf(h: HouseholdView) {
    // The server's month (Asia/Shanghai) may be a day ahead of UTC's: look at both.
    const months = new Set([month(), new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)]);
    const found = [];
    for (const m of months) {
      const { sheets } = SheetList.parse(await json('GET', `/v1/households/${h.id}/sheets?month=${m}`));
      found.push(...sheets.flatMap((s) => s.inspections));
    }
    return found;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const masterKey = new Uint8Array(randomBytes(32));
    const boot = await bootstrap(
      database.db,
      {
        allianceName: '窑子上联盟',
        timezone: 'Asia/Shanghai',
        demo: false,
        adminEmail: ADMIN.email,
        adminPassword: ADMIN.password,
        masterKey,
      },
      systemClock,
    );
    const app = createApp({ db: database.db, allianceId: boot.allianceId, masterKey, clock: systemClock });
    server = serve({ hostname: '127.0.0.1', port: 0, fetch: app.fetch });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await fetch(`${baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    coordinator = ((await res.json()) as { accessToken: string }).accessToken;

    await json('POST', '/v1/staff', {
      name: '东片督导员',
      ...INSPECTOR,
      rights: ['inspector'],
      areas: ['东网格'],
    });
    template = await json<TemplateView>('POST', '/v1/inspection-templates', {
      name: '门前三包',
      items: ITEMS.map((i) => ({ ...i, kept: 1, lost: 0 })),
      bonus: { cap: 10, items: [{ code: 'volunteer', title: '参加志愿服务', points: 2 }] },
      monthRule: 'every_check',
    });
    const member = await json<{ id: string }>('POST', '/v1/residents', { name: '张秀英' });
    east = await json<HouseholdView>('POST', '/v1/households', {
      name: '张家',
      doorNumber: '窑子上 3号院 2户',
      community: '窑子上',
      grid: '东网格',
      memberIds: [member.id],
    });
    north = await json<HouseholdView>('POST', '/v1/households', {
      name: '赵家',
      doorNumber: '窑子上 9号院 1户',
      community: '窑子上',
      grid: '东网格',
    });

    browser = await launchBrowser();
    phone = await newPhoneContext(browser);
    page = await phone.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await database?.close();
  });

  it('opens the plate, signs in, scores with taps and a photo, saves offline, and the check is there once', async () => {
    const token = tokenOf(east);
    await page.goto(`${baseUrl}/inspect/${token}`);
    await page.waitForURL(/\/console\/login\?next=/);
    await page.screenshot({ path: screenshotPath('inspect-1-sign-in') });
    await page.fill('input[name=email]', INSPECTOR.email);
    await page.fill('input[name=password]', INSPECTOR.password);
    await page.locator('main button[type=submit]').tap();
    await page.waitForURL(`${baseUrl}/console/inspect/${token}`);
    await page.getByRole('heading', { name: '窑子上 3号院 2户' }).waitFor();
    await page.getByText('本月还没有检查。').waitFor();
    await page.screenshot({ path: screenshotPath('inspect-2-sheet'), fullPage: true });

    for (const item of ITEMS) {
      const mark = FAILED.includes(item.code) ? 'bad' : 'good';
      await page.locator(`fieldset[data-item=${item.code}] label.tap.${mark}`).tap();
    }
    // The photo field shows only for an item marked 差.
    expect(await page.locator('label[for=photo-clean]').isVisible()).toBe(false);
    const photoTap = page.locator('label[for=photo-green]');
    expect(await photoTap.isVisible()).toBe(true);
    expect(await photoTap.evaluate((e) => e.getBoundingClientRect().height)).toBeGreaterThanOrEqual(48);
    await page.setInputFiles('#photo-green', {
      name: 'IMG_0001.png',
      mimeType: 'image/png',
      buffer: cameraPhoto(),
    });
    expect(await photoTap.textContent()).toBe('已拍照，点这里可以重拍');
    await page.locator('fieldset[data-item=green] img.preview').waitFor();
    await page.locator('[data-bonus-item=volunteer]').tap();
    await page.fill('#note', '院门口堆放杂物，已提醒');
    // Each tap target is large enough for a thumb.
    for (const box of await page
      .locator('label.tap')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height)))
      expect(box).toBeGreaterThanOrEqual(48);
    const saveHeight = await page.locator('button.save').evaluate((e) => e.getBoundingClientRect().height);
    expect(saveHeight).toBeGreaterThanOrEqual(48);
    await page.screenshot({ path: screenshotPath('inspect-3-marked'), fullPage: true });

    await phone.setOffline(true);
    await page.locator('button.save').tap();
    await page.locator('#inspect-status[data-state=waiting]').waitFor({ timeout: 15_000 });
    expect(await page.locator('#inspect-status').textContent()).toContain('网络不好，还没保存');
    expect(await page.evaluate((k) => localStorage.getItem(k), `inspect-pending:${token}`)).toBeTruthy();
    await page.locator('#inspect-status').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('inspect-4-waiting') });
    expect(await checksOf(east)).toHaveLength(0);

    await phone.setOffline(false);
    await page.locator('[data-saved]', { hasText: '已保存' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath('inspect-5-saved'), fullPage: true });
    expect(await page.evaluate((k) => localStorage.getItem(k), `inspect-pending:${token}`)).toBeNull();

    const checks = await checksOf(east);
    expect(checks).toHaveLength(1);
    const [check] = checks;
    expect(check!.templateId).toBe(template.id);
    expect(check!.note).toBe('院门口堆放杂物，已提醒');
    const byCode = new Map(check!.items.map((i) => [i.code, i]));
    for (const item of ITEMS) expect(byCode.get(item.code)!.ok).toBe(!FAILED.includes(item.code));
    expect(byCode.get('volunteer')!.ok).toBe(true);
    expect(byCode.get('pile')!.evidenceId).toBeUndefined();
    const photoId = byCode.get('green')!.evidenceId!;
    expect(photoId).toBeTruthy();
    // Scaled on the phone: a JPEG whose longest side is 1600 px.
    const [photo] = await database.db.select().from(evidence).where(eq(evidence.id, photoId));
    expect(photo!.contentType).toBe('image/jpeg');
    const size = jpegSize(photo!.bytes!);
    expect(Math.max(size.width, size.height)).toBe(1600);

    // The sheet shows the check; the page says the household was checked this week.
    expect(await page.locator('[data-checks] li').count()).toBe(1);
    await page.locator('[data-second]').waitFor();
    // Opened again and saved without confirming, nothing more is recorded.
    await page.reload();
    for (const item of ITEMS) await page.locator(`fieldset[data-item=${item.code}] label.tap.good`).tap();
    await page.locator('button.save').tap();
    await page.waitForTimeout(500);
    expect(await checksOf(east)).toHaveLength(1);
  }, 90_000);

  it('a check whose answer was lost is sent again when the page is opened again, and is saved once', async () => {
    const token = tokenOf(north);
    await page.goto(`${baseUrl}/inspect/${token}`);
    await page.getByRole('heading', { name: '窑子上 9号院 1户' }).waitFor();
    for (const item of ITEMS) await page.locator(`fieldset[data-item=${item.code}] label.tap.good`).tap();
    // The server gets the check, but its answer never reaches the phone.
    await page.route(`**/console/inspect/${token}`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.locator('button.save').tap();
    await page.locator('#inspect-status[data-state=waiting]').waitFor({ timeout: 15_000 });
    expect(await checksOf(north)).toHaveLength(1);
    await page.unrouteAll({ behavior: 'wait' });

    await page.reload();
    await page.locator('[data-saved]', { hasText: '已保存' }).waitFor({ timeout: 30_000 });
    expect(await checksOf(north)).toHaveLength(1);
  }, 60_000);

  it('is usable at 240 px wide with the text at 200 %', async () => {
    const narrow = await newPhoneContext(browser, { viewport: { width: 480, height: 1000 } });
    await narrow.addCookies(await phone.cookies());
    const small = await narrow.newPage();
    await small.goto(`${baseUrl}/console/inspect/${tokenOf(east)}`);
    // 200 % zoom on a 480 px screen lays the page out 240 CSS px wide.
    await small.addStyleTag({ content: 'html{zoom:2}' });
    await small.locator('fieldset[data-item=green] label.tap.bad').tap();
    await small.locator('fieldset[data-item=green]').scrollIntoViewIfNeeded();
    await small.screenshot({ path: screenshotPath('inspect-6-240px-200pct-item') });
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await small.screenshot({ path: screenshotPath('inspect-6-240px-200pct'), fullPage: true });

    const plain = await newPhoneContext(browser, { viewport: { width: 240, height: 800 } });
    await plain.addCookies(await phone.cookies());
    const p = await plain.newPage();
    await p.goto(`${baseUrl}/console/inspect/${tokenOf(east)}`);
    expect(
      await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await p.screenshot({ path: screenshotPath('inspect-7-240px'), fullPage: true });
    await narrow.close();
    await plain.close();
  }, 60_000);
});
