/**
 * The merchant app end to end, in headless Chromium against the real API on a real database:
 * enrollment, offline scanning through the fake camera and a keyboard-wedge scanner, refusals
 * in words, the outbox and its sync, a replayed sync, and a page killed in the middle of a sync.
 * Screenshots of the main screens at 360×800 go to test-results/merchant-pwa/ for review.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webAppRoutes } from '../../api/http/web-apps.ts';
import { RedemptionList, SyncResponse } from '../../shared/api/merchant.ts';
import type { RedemptionRecord } from '../../shared/redemption-record.ts';
import { ADMIN } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import {
  ensureMerchantBuild,
  fakeCameraFlags,
  launchBrowser,
  launchPersistent,
  merchantDist,
  PHONE,
  screenshotPath,
  writeVoucherVideo,
} from './browser.ts';
import { deviceToken, enroll, imeScan, pending, readStore, takeOffer, today, wedgeScan } from './steps.ts';
import {
  createShop,
  deviceCode,
  type Resident,
  residentBalance,
  residentVoucher,
  residentWithPoints,
  type Shop,
  signedVoucher,
  startWorld,
  tamper,
  type World,
} from './world.ts';

let world: World;
let shop: Shop;
let resident: Resident;
const scratch = mkdtempSync(join(tmpdir(), 'merchant-e2e-'));

beforeAll(() => {
  ensureMerchantBuild();
}, 120_000);

afterAll(async () => {
  await world?.close();
  // Chromium may still be writing its profile for a moment after closing.
  rmSync(scratch, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name) });
}

describe('the merchant app in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    world = await startWorld(await createTestDatabase());
    shop = await createShop(world);
    resident = await residentWithPoints(world, '王秀英', 1000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('takes two vouchers offline (camera and scanner), refuses bad ones in words, syncs both, and a replayed sync changes nothing', async () => {
    world.syncClock();
    const byCamera = await residentVoucher(world, resident, 200);
    const byScanner = await residentVoucher(world, resident, 100);
    const video = join(scratch, 'voucher.y4m');
    await writeVoucherVideo(byCamera.text, video);
    browser = await launchBrowser(fakeCameraFlags(video));
    context = await browser.newContext({ viewport: PHONE, baseURL: world.baseUrl, serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto('/merchant/');
    await page.locator('#enroll-code').waitFor();
    await shot(page, '01-enroll');
    await enroll(page, await deviceCode(world, shop));
    await shot(page, '02-scan-home');

    await context.setOffline(true);
    await expect.poll(() => page.locator('#net').getAttribute('data-online')).toBe('false');

    // The camera: Chromium's fake device plays the voucher's QR code.
    await page.locator('#camera-start').click();
    const verdict = page.locator('#verdict');
    await verdict.and(page.locator('[data-verdict="valid"]')).waitFor({ timeout: 15_000 });
    await expect.poll(() => verdict.textContent()).toMatch(/有效 — 最多可用 200 积分/);
    expect(await verdict.textContent()).toMatch(/[0-9]:[0-5][0-9] 后过期/);
    expect(await verdict.getAttribute('data-voucher-id')).toBe(byCamera.voucherId);
    await shot(page, '03-verdict-valid-offers');
    await takeOffer(page, '35', 'haircut-5');
    expect(await page.locator('#confirm-points').textContent()).toBe('收取 50 积分');
    await shot(page, '04-confirm');
    await page.locator('#confirm').click();
    await page.locator('#done').waitFor();
    expect(await page.locator('#done').textContent()).toContain('已保存在本机，联网后自动上传');
    expect(await pending(page)).toBe(1);
    await shot(page, '05-done-queued');
    await page.locator('#next-scan').click();

    // The wedge scanner types while the focus sits in the paste field; the field stays clean.
    await page.locator('#paste').focus();
    await wedgeScan(page, byScanner.text);
    await verdict.and(page.locator(`[data-voucher-id="${byScanner.voucherId}"]`)).waitFor();
    await page.locator('#hand-points').fill('80');
    await page.locator('#hand-next').click();
    await page.locator('#confirm').click();
    await page.locator('#done').waitFor();
    expect(await pending(page)).toBe(2);
    await page.locator('#next-scan').click();
    expect(await page.locator('#paste').inputValue()).toBe('');

    // Refusals, each in plain words. The damaged one comes through an input method: its digits
    // arrive intact (else it would read as "not an alliance code").
    await imeScan(context, page, tamper(byScanner.text));
    await verdict.and(page.locator('[data-refusal="damaged"]')).waitFor();
    expect(await verdict.textContent()).toContain('积分码已损坏或被改动');
    await shot(page, '06-verdict-damaged');

    const expired = await signedVoucher(world, {
      capPoints: 50,
      issuedAt: Math.floor(Date.now() / 1000) - 3600,
      ttlSeconds: 180,
    });
    await page.locator('#paste').fill(expired);
    await page.locator('#paste-check').click();
    await verdict.and(page.locator('[data-refusal="expired"]')).waitFor();
    expect(await verdict.textContent()).toContain('积分码已过期。请顾客刷新，出示新的码。');
    await shot(page, '07-verdict-expired');

    await wedgeScan(page, byCamera.text);
    await verdict.and(page.locator('[data-refusal="already_taken"]')).waitFor();
    expect(await verdict.textContent()).toContain('这个积分码已经在本店用过了');

    // Both records wait, signed, in seq order; nothing has reached the API.
    const queued = ((await readStore(page, 'outbox')) as RedemptionRecord[]).sort((a, b) => a.seq - b.seq);
    expect(queued.map((r) => [r.seq, r.points])).toEqual([
      [1, 50],
      [2, 80],
    ]);
    expect(queued[0]).toMatchObject({ offerId: 'haircut-5', billFen: 3500, discountFen: 500 });
    await page.locator('#tab-today').click();
    await page.locator('.record.pending').nth(1).waitFor();
    await shot(page, '08-today-pending');

    // Back online: the outbox drains and each record shows its outcome.
    await context.setOffline(false);
    await page.evaluate(() =>
      (window as unknown as { __merchant: { flush(): Promise<void> } }).__merchant.flush(),
    );
    await expect.poll(() => pending(page), { timeout: 15_000 }).toBe(0);
    expect(await readStore(page, 'outbox')).toEqual([]);
    await expect.poll(() => page.locator('.record[data-outcome="accepted"]').count()).toBe(2);
    expect(await page.locator('#today-totals').textContent()).toContain('2 笔，共 130 积分');
    await shot(page, '09-today-synced');

    const token = await deviceToken(page);
    const listed = RedemptionList.parse(
      await world.json('GET', `/v1/merchant/redemptions?day=${today(world)}`, { token }),
    );
    expect(listed.redemptions.map((r) => [r.seq, r.points, r.outcome]).sort()).toEqual([
      [1, 50, 'accepted'],
      [2, 80, 'accepted'],
    ]);
    const after = await residentBalance(world, resident);
    expect(after.balance).toBe(1000 - 130);

    // The same batch again: the first answers, marked replayed, and nothing moves.
    const replay = SyncResponse.parse(
      await world.json('POST', '/v1/redemptions/sync', { token, body: { records: queued } }),
    );
    expect(replay.results.map((r) => [r.outcome, r.replayed])).toEqual([
      ['accepted', true],
      ['accepted', true],
    ]);
    expect(replay.missingSeqs).toEqual([]);
    expect(await residentBalance(world, resident)).toEqual(after);
    const again = RedemptionList.parse(
      await world.json('GET', `/v1/merchant/redemptions?day=${today(world)}`, { token }),
    );
    expect(again.totals).toEqual(listed.totals);

    // The month closes (the server's clock a month on, then back): the statement shows, and
    // stays readable offline.
    const month = today(world).slice(0, 7);
    world.syncClock(32 * 24 * 3600_000);
    const staff = await world.json<{ accessToken: string }>('POST', '/v1/auth/login', { body: ADMIN });
    await world.json('POST', `/v1/settlement/periods/${month}/close`, { token: staff.accessToken });
    world.syncClock();
    await page.locator('#tab-statements').click();
    const statement = page.locator('.statement', { hasText: month });
    await statement.waitFor();
    expect(await statement.textContent()).toContain('2 笔，共 130 积分');
    await shot(page, '10-statements');
    await context.setOffline(true);
    await page.locator('#tab-scan').click();
    await page.locator('#tab-statements').click();
    await page.locator('#statements-cached').waitFor();
    expect(await statement.textContent()).toContain('2 笔，共 130 积分');
    await context.setOffline(false);
    await page.locator('#tab-settings').click();
    await page.locator('#lang').click();
    await page.locator('#tab-scan').click();
    await expect.poll(() => page.locator('#tab-scan').textContent()).toContain('Take');
    await shot(page, '11-scan-english');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a page killed after its sync request left, before the answer, neither loses the record nor captures it twice', async () => {
    world.syncClock();
    const voucher = await residentVoucher(world, resident, 60);
    const before = await residentBalance(world, resident);
    const profile = join(scratch, 'profile');
    let context = await launchPersistent(profile, world.baseUrl);
    let page = context.pages()[0] ?? (await context.newPage());
    const anotherShop = await createShop(world, '叶子发艺 二店');
    await enroll(page, await deviceCode(world, anotherShop));

    await context.setOffline(true);
    await expect.poll(() => page.locator('#net').getAttribute('data-online')).toBe('false');
    await wedgeScan(page, voucher.text);
    await page.locator('[data-verdict="valid"]').waitFor();
    await page.locator('#hand-points').fill('60');
    await page.locator('#hand-next').click();
    await page.locator('#confirm').click();
    await page.locator('#done').waitFor();
    expect(await pending(page)).toBe(1);

    // The request reaches the API and is captured there; the page dies before it hears back.
    let reached!: () => void;
    const requestReachedApi = new Promise<void>((resolve) => {
      reached = resolve;
    });
    await context.route('**/v1/redemptions/sync', async (route) => {
      await route.fetch();
      reached();
      // never answered: the context closes first
    });
    await context.setOffline(false);
    await page.evaluate(() => {
      void (window as unknown as { __merchant: { flush(): Promise<void> } }).__merchant.flush();
    });
    await requestReachedApi;
    await context.close();
    expect((await residentBalance(world, resident)).balance).toBe(before.balance - 60);

    // Reopened: the record is still in the outbox, goes again, and gets its first outcome.
    context = await launchPersistent(profile, world.baseUrl);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/merchant/');
    const log = () => readStore(page, 'log') as Promise<{ status: string }[]>;
    await expect.poll(async () => (await log())[0]?.status, { timeout: 15_000 }).toBe('answered');
    expect(await log()).toEqual([
      expect.objectContaining({ outcome: 'accepted', replayed: true, points: 60 }),
    ]);
    expect(await readStore(page, 'outbox')).toEqual([]);
    await expect.poll(() => pending(page)).toBe(0);
    const token = await deviceToken(page);
    const listed = RedemptionList.parse(
      await world.json('GET', `/v1/merchant/redemptions?day=${today(world)}`, { token }),
    );
    expect(listed.redemptions.map((r) => [r.seq, r.points, r.outcome])).toEqual([[1, 60, 'accepted']]);
    expect((await residentBalance(world, resident)).balance).toBe(before.balance - 60);
    await context.close();
  });
});

describe('the installable app', () => {
  it('has a manifest with icons, and opens with no network after the first visit', async () => {
    // The app alone on its own port, so the test can take the network away for real.
    const web = webAppRoutes([{ prefix: 'merchant', dist: merchantDist }]);
    const server = serve({ hostname: '127.0.0.1', port: 0, fetch: web.fetch });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: PHONE, baseURL: `http://127.0.0.1:${port}` });
      const page = await context.newPage();
      await page.goto('/merchant/');
      const manifest = await (await page.request.get('/merchant/manifest.webmanifest')).json();
      expect(manifest).toMatchObject({ start_url: '/merchant/', scope: '/merchant/', display: 'standalone' });
      expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
        expect.arrayContaining(['192x192', '512x512']),
      );
      expect((await page.request.get('/merchant/icon-512.png')).headers()['content-type']).toBe('image/png');
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as Server).closeAllConnections();
      });
      await page.reload();
      await page.locator('#enroll-code').waitFor({ timeout: 10_000 });
      expect(await page.locator('h1').textContent()).toBe('登记本机');
      await context.close();
    } finally {
      await browser.close();
      server.close();
    }
  });
});
