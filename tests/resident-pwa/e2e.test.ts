/**
 * The resident app in headless Chromium against the real API on a real database (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL), seeded with the demo alliance. The QR code is read back
 * from a screenshot with jsqr (not the encoder the app uses) and verified with the shared
 * verifier and the API's published JWKS; a merchant device then captures it over HTTP.
 * Screenshots of every main screen at 360×800 land in test-results/screenshots/ (git-ignored).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RESIDENTS } from '../../api/directory/demo.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { keyIndexFromJwks } from '../../shared/jwks.ts';
import { formatShortCode, shortCodeOf } from '../../shared/short-code.ts';
import { type Voucher, verifyVoucher } from '../../shared/voucher.ts';
import {
  decodeQrFromPng,
  ensureAppBuild,
  launchBrowser,
  newPhoneContext,
  screenshotPath,
} from '../helpers/browser.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import { enrollMerchantDevice, type ResidentWorld, startResidentWorld } from './world.ts';

const RENEW_AFTER_MS = 151_000;

describe('the resident app', () => {
  let world: ResidentWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** The code the shop captures. */
  let shown: { text: string; voucher: Voucher };

  beforeAll(async () => {
    const dist = ensureAppBuild('resident-pwa');
    world = await startResidentWorld(await createTestDatabase(), dist);
    browser = await launchBrowser();
    context = await newPhoneContext(browser, { baseURL: world.baseUrl });
    // Fail a step well before vitest's test timeout, naming what never appeared.
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    // The page's clock runs with real time but can be moved ahead, with the server's, to reach
    // the moment a code is renewed without waiting for it.
    await page.clock.install();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  /** Decodes the QR code from a screenshot of the whole phone screen and verifies it. */
  async function readCodeFromScreen(name: string): Promise<{ text: string; voucher: Voucher }> {
    const png = await page.screenshot({ path: screenshotPath(name) });
    const text = decodeQrFromPng(png);
    expect(text, 'a QR code decodes from the screenshot').toMatch(/^95\d{234}$/);
    const jwks = await world.json('GET', '/.well-known/jwks.json');
    const result = verifyVoucher(text!, {
      keys: keyIndexFromJwks(jwks),
      primitive: ed25519Noble,
      now: Math.floor(world.clock.now().getTime() / 1000),
    });
    if (!result.ok) throw new Error(`the voucher on screen does not verify: ${result.error}`);
    return { text: text!, voucher: result.voucher };
  }

  const screenText = async (testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();

  it('enrolls with the code from the slip and shows the seeded balance and history', async () => {
    const zhang = world.demo.residents[0]!;
    expect(zhang.name).toBe(DEMO_RESIDENTS[0]!.name);
    await page.goto('/resident/');
    await page.getByRole('heading', { name: '登记这部手机' }).waitFor();
    // A phone never signed in has nothing to explain.
    expect(await page.getByTestId('signed-out').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('resident-enroll') });

    await page.fill('#enroll-code', '1234-5678');
    await page.getByRole('button', { name: '确认登记' }).click();
    await page.getByText('登记码是 12 位数字').waitFor();

    await page.fill('#enroll-code', zhang.enrollmentCode);
    await page.getByRole('button', { name: '确认登记' }).click();
    await page
      .getByTestId('available')
      .filter({ hasText: String(zhang.points) })
      .waitFor();
    // Nothing is held: no sentence about held points.
    expect(await page.getByTestId('held-note').count()).toBe(0);
    await page.getByText(`+${zhang.points} 积分 ${zhang.reason}`).waitFor();
    await expect(page.getByText(`您好，${zhang.name}`).count()).resolves.toBe(1);
    // The service worker has precached the shell: from now on the app opens offline.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.screenshot({ path: screenshotPath('resident-home') });
  });

  it('shows a code that decodes from a screenshot and verifies with the JWKS', async () => {
    await page.getByTestId('show-code').click();
    await page.locator('canvas[data-voucher-id]').waitFor();
    shown = await readCodeFromScreen('resident-code');
    const { voucher } = shown;
    expect(voucher.merchantScope).toBe(0);
    expect(await screenText('code-cap')).toContain(`${voucher.capPoints} 积分`);
    // The 码号 is the 8 digits a shop can type, grouped for reading aloud: no hex.
    expect(await screenText('short-code')).toBe(formatShortCode(shortCodeOf(voucher.voucherId)));
    expect(await screenText('short-code')).toMatch(/^\d{4} \d{4}$/);
    expect(await screenText('held-note')).toBe(
      `正在出示的码占用 ${voucher.capPoints} 积分，用完或关闭后退回`,
    );
    // The countdown follows the server's clock: a fresh code has (nearly) its whole ttl left.
    const [min, sec] = (await screenText('countdown')).split(':').map(Number);
    const left = min! * 60 + sec!;
    expect(left).toBeLessThanOrEqual(voucher.ttlSeconds);
    expect(left).toBeGreaterThan(voucher.ttlSeconds - 10);
    await page.getByText('请把手机屏幕调到最亮').waitFor();
  });

  it("is captured through the API by a shop's device: the screen ticks, and balance and history follow", async () => {
    const barber = world.demo.merchants.find((m) => m.name === '叶子发艺')!;
    const device = await enrollMerchantDevice(world, barber.id);
    const result = await device.capture(shown.text, 50, {
      code: 'haircut-5',
      billFen: 3500,
      discountFen: 500,
    });
    expect(result).toMatchObject({ outcome: 'accepted', points: 50 });

    const after = world.demo.residents[0]!.points - 50;
    await page.getByTestId('code-used').getByText(`已使用 50 积分 · 叶子发艺 · 剩余 ${after}`).waitFor();
    await page.getByRole('button', { name: '完成' }).click();
    await page
      .getByTestId('available')
      .filter({ hasText: String(after) })
      .waitFor();
    expect(await page.getByTestId('held-note').count()).toBe(0);
    const lines = await page.getByTestId('history').locator('li .what').allInnerTexts();
    expect(lines[0]).toBe('\u221250 积分 叶子发艺 理发立减 5 元');
    expect(lines).toContain(`+${world.demo.residents[0]!.points} 积分 ${world.demo.residents[0]!.reason}`);
    await page.screenshot({ path: screenshotPath('resident-home-after-capture') });
  });

  it('fetches a fresh code before the one on screen expires, the old one stops holding points, and leaving puts it away', async () => {
    await page.getByTestId('show-code').click();
    await page.locator('canvas[data-voucher-id]').waitFor();
    const first = await readCodeFromScreen('resident-code-first');

    world.clock.advance(RENEW_AFTER_MS);
    await page.clock.fastForward(RENEW_AFTER_MS);
    await page
      .locator(`canvas[data-voucher-id]:not([data-voucher-id="${first.voucher.voucherId}"])`)
      .waitFor();
    const fresh = await readCodeFromScreen('resident-code-renewed');
    expect(fresh.voucher.voucherId).not.toBe(first.voucher.voucherId);
    expect(fresh.voucher.capPoints).toBe(first.voucher.capPoints);
    expect(fresh.voucher.issuedAt).toBeGreaterThanOrEqual(first.voucher.issuedAt + RENEW_AFTER_MS / 1000 - 1);
    // Renewed while the first was still valid: no moment without a scannable code.
    expect(fresh.voucher.issuedAt).toBeLessThan(first.voucher.expiresAt);
    expect(await screenText('short-code')).toBe(formatShortCode(shortCodeOf(fresh.voucher.voucherId)));

    // Only the code on screen holds points: the one it replaced was released.
    const token = (await storedTokens())!.accessToken;
    const me = await world.json<{ balance: number; held: number; available: number }>('GET', '/v1/me', {
      token,
    });
    expect(me.held).toBe(fresh.voucher.capPoints);
    expect(me.available).toBe(me.balance - fresh.voucher.capPoints);

    // Leaving the screen puts the code away: every point can be spent again.
    await page.getByRole('button', { name: /返回/ }).click();
    await page
      .getByTestId('available')
      .filter({ hasText: String(me.balance) })
      .waitFor();
    expect(await page.getByTestId('held-note').count()).toBe(0);
    const status = await world.json<{ state: string }>('GET', `/v1/vouchers/${fresh.voucher.voucherId}`, {
      token,
    });
    expect(status.state).toBe('released');
  });

  it('opens offline with the last balance and history, says how old they are, and says a new code needs the network', async () => {
    const available = await screenText('available');
    await page.close();
    await context.setOffline(true);
    page = await context.newPage();
    // Ten minutes after the data was fetched (the first page's clock had moved on by RENEW_AFTER_MS).
    await page.clock.install({ time: Date.now() + RENEW_AFTER_MS + 10 * 60_000 });
    await page.goto('/resident/');
    await page.getByTestId('offline-badge').waitFor();
    expect(await screenText('freshness')).toMatch(/^没有网络，显示的是(10|11) 分钟前的数据$/);
    expect(await screenText('available')).toBe(available);
    expect(await page.getByTestId('history').locator('li').count()).toBe(2);
    await page.screenshot({ path: screenshotPath('resident-offline-home') });

    await page.getByTestId('show-code').click();
    await page.getByTestId('code-error').getByText('出示新的积分码需要联网').waitFor();
    expect(await page.locator('canvas[data-voucher-id]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('resident-offline-code') });
    await context.setOffline(false);
    await page.getByRole('button', { name: /返回/ }).click();
  });

  it('lists the partner merchants and their offers, searchable', async () => {
    await page.getByRole('button', { name: '商户', exact: true }).click();
    const names = page.getByTestId('merchant-list').locator('h2');
    await names.first().waitFor();
    expect(await names.allInnerTexts()).toEqual(['叶子发艺', '老街饭店', '积分超市']);
    await page.getByText('50 积分').first().waitFor();
    await page.screenshot({ path: screenshotPath('resident-merchants') });
    await page.getByRole('searchbox').fill('大米');
    expect(await names.allInnerTexts()).toEqual(['积分超市']);
    await page.getByRole('searchbox').fill('理发');
    expect(await names.allInnerTexts()).toEqual(['叶子发艺']);
  });

  it('switches to English with large text and high contrast, and keeps the choice', async () => {
    await page.getByRole('button', { name: '设置', exact: true }).click();
    await page.screenshot({ path: screenshotPath('resident-settings') });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('switch', { name: /Large text/ }).click();
    await page.getByRole('button', { name: 'Home', exact: true }).click();
    await page.getByRole('button', { name: /Show my points code/ }).waitFor();
    const fontSize = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    expect(fontSize).toBe('22px');
    await page.screenshot({ path: screenshotPath('resident-home-en-large') });

    await page.reload();
    await page.getByRole('button', { name: /Show my points code/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('switch', { name: /High contrast/ }).click();
    await page.getByRole('switch', { name: /Large text/ }).click();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('button', { name: '首页', exact: true }).click();
    expect(await page.evaluate(() => document.documentElement.className)).toBe('high-contrast');
    await page.screenshot({ path: screenshotPath('resident-home-contrast') });
  });

  /** The tokens the app keeps in IndexedDB. */
  const storedTokens = () =>
    page.evaluate(
      () =>
        new Promise<{ accessToken: string; refreshToken: string } | undefined>((resolve, reject) => {
          const open = indexedDB.open('resident');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('kv').objectStore('kv').get('tokens');
            get.onsuccess = () => resolve(get.result);
            get.onerror = () => reject(get.error);
          };
        }),
    );

  it('signs out: the API forgets the session and the app says so', async () => {
    const tokens = await storedTokens();
    expect(tokens?.refreshToken).toBeTruthy();
    await page.getByRole('button', { name: '设置', exact: true }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '确定退出' }).click();
    await page.getByTestId('signed-out').getByText('您已退出登录').waitFor();
    expect(await storedTokens()).toBeUndefined();
    await world.json('POST', '/v1/auth/refresh', {
      body: { refreshToken: tokens!.refreshToken },
      status: 401,
    });
  });

  it('enrolls from the slip link, and goes back to enrollment with an explanation when the API refuses the session', async () => {
    const chen = world.demo.residents.find((r) => r.name === '陈晓明')!;
    await page.goto(`/resident/#enroll=${chen.enrollmentCode.replace(/-/g, '')}`);
    // Same page, new hash: the app takes the code from the hashchange and drops it from the address.
    await expect.poll(() => page.inputValue('#enroll-code')).toBe(chen.enrollmentCode);
    await expect.poll(() => new URL(page.url()).hash).toBe('');
    await page.getByRole('button', { name: '确认登记' }).click();
    await page
      .getByTestId('available')
      .filter({ hasText: String(chen.points) })
      .waitFor();

    // A refresh token the API does not know (revoked, or from before a restore): refused.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('resident');
          open.onsuccess = () => {
            const tx = open.result.transaction('kv', 'readwrite');
            tx.objectStore('kv').put(
              { accessToken: 'expired', refreshToken: 'r'.repeat(43), expiresAt: 0 },
              'tokens',
            );
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.reload();
    await page.getByTestId('signed-out').getByText('请向社区工作人员要新的登记码').waitFor();
    await page.getByRole('heading', { name: '登记这部手机' }).waitFor();
    expect(await storedTokens()).toBeUndefined();
  });
});
