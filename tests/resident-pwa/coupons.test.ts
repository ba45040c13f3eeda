/**
 * Coupons in the resident app (issue #18), in headless Chromium at 360 × 800 against the real API
 * on a real database: the coordinator puts "100 积分兑换 8 折餐券" on 老街饭店; the resident sees it
 * on the 商户 screen with its rules in words, buys it (a second tap confirms), finds it under 我的
 * 优惠券 with its end date, and shows it as a large QR — a voucher scoped to the restaurant that a
 * decoder independent of the app's encoder reads back. The shop captures it once; the list then
 * says 已使用. Every zh-CN screen is swept for Latin words and fits 240 px.
 * Screenshots: test-results/screenshots/coupon-*.png.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ed25519Node } from '../../api/vouchers/ed25519-node.ts';
import { toBase64url } from '../../shared/bytes.ts';
import { signRedemptionRecord } from '../../shared/redemption-record.ts';
import { decodeVoucher } from '../../shared/voucher.ts';
import {
  decodeQrFromPng,
  ensureAppBuild,
  launchBrowser,
  misfits,
  newPhoneContext,
  screenshotPath,
} from '../helpers/browser.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import { latinWords } from '../helpers/zh-sweep.ts';
import { type ResidentWorld, startResidentWorld } from './world.ts';

describe('coupons in the resident app', () => {
  let world: ResidentWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let restaurant: { id: string; number: number };
  let residentId: string;

  const call = <T = Record<string, unknown>>(method: string, path: string, token: string, body?: unknown) =>
    world.json<T>(method, path, { token, ...(body === undefined ? {} : { body }) });
  const screenWords = () =>
    page.evaluate(() =>
      [
        // biome-ignore lint/performance/useDomNodeTextContent: only what is shown counts, not hidden text
        document.body.innerText,
        ...[...document.querySelectorAll('[placeholder],[aria-label],[alt],[title]')].flatMap((el) =>
          ['placeholder', 'aria-label', 'alt', 'title'].map((a) => el.getAttribute(a) ?? ''),
        ),
      ].join(' '),
    );
  const expectChinese = async (screen: string) => expect(latinWords(await screenWords()), screen).toEqual([]);
  const fits240 = async (screen: string) => {
    await page.setViewportSize({ width: 240, height: 800 });
    // The page lays out again after the resize (the QR takes the new width): ask until it settles.
    await expect.poll(() => misfits(page, 240), { message: screen, timeout: 10_000 }).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
  };

  beforeAll(async () => {
    const dist = ensureAppBuild('resident-pwa');
    world = await startResidentWorld(await createTestDatabase(), dist);
    restaurant = world.demo.merchants.find((m) => m.name === '老街饭店')!;
    await call('POST', `/v1/merchants/${restaurant.id}/offers`, world.coordinator, {
      code: 'meal-coupon',
      kind: 'percent_off',
      titleZh: '100 积分兑换 8 折餐券',
      titleEn: 'Meal coupon: 20% off for 100 points',
      points: 100,
      percent: 20,
      coupon: { validDays: 30 },
      limits: [{ per: 'month', count: 1 }],
    });
    const resident = await call<{ id: string; enrollmentCode: string }>(
      'POST',
      '/v1/residents',
      world.coordinator,
      {
        name: '孙美华',
      },
    );
    residentId = resident.id;
    const grant = await fetch(`${world.baseUrl}/v1/grants`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${world.coordinator}`,
        'idempotency-key': `grant-${residentId}`,
      },
      body: JSON.stringify({ residentId, points: 300, reason: '志愿服务' }),
    });
    expect(grant.status).toBe(201);

    browser = await launchBrowser();
    context = await newPhoneContext(browser, { baseURL: world.baseUrl });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    await page.goto('/resident/');
    await page.fill('#enroll-code', resident.enrollmentCode);
    await page.getByRole('button', { name: '确认登记' }).click();
    await page.getByTestId('show-code').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('buys the coupon on the 商户 screen, its rules in words, after a second tap', async () => {
    await page.getByRole('button', { name: '商户', exact: true }).click();
    const offer = page.locator('.offers li', { hasText: '100 积分兑换 8 折餐券' });
    await offer.waitFor();
    await expect(offer.textContent()).resolves.toContain('每人每月限一次');
    await expect(offer.textContent()).resolves.toContain('兑换后 30 天内有效');
    await offer.getByTestId('coupon-buy').click();
    await expect(offer.textContent()).resolves.toContain('确定用 100 积分兑换“100 积分兑换 8 折餐券”吗？');
    await offer.getByTestId('coupon-confirm').click();
    await offer.getByTestId('coupon-bought').waitFor();
    await offer.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('coupon-buy') });
    await expectChinese('商户 with a coupon bought');
    await fits240('商户');
    const me = await call<{ available: number; held: number }>('GET', '/v1/me', await residentToken());
    expect(me).toMatchObject({ available: 200, held: 100 });
  });

  it('lists it under 我的优惠券 with its end date', async () => {
    await page.getByRole('button', { name: '我的优惠券' }).last().click();
    const card = page.getByTestId('coupon');
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('100 积分兑换 8 折餐券');
    expect(text).toContain('老街饭店');
    expect(text).toContain('可使用');
    expect(text).toMatch(/有效期至 \d{4}-\d{2}-\d{2}/);
    await page.screenshot({ path: screenshotPath('coupon-list') });
    await expectChinese('我的优惠券');
    await fits240('我的优惠券');
  });

  it('shows it as a large QR that reads back as a voucher for the restaurant only', async () => {
    await page.getByTestId('coupon-show').click();
    const qr = page.getByTestId('coupon-qr');
    await qr.waitFor({ state: 'visible' });
    await page.waitForFunction(() => {
      const c = document.querySelector('[data-testid=coupon-qr]') as HTMLCanvasElement | null;
      return !!c && c.width > 100;
    });
    const box = await qr.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(280);
    const png = await page.screenshot({ path: screenshotPath('coupon-show') });
    const text = decodeQrFromPng(png);
    expect(text).toMatch(/^95\d{234}$/);
    const { voucher } = decodeVoucher(text!);
    expect(voucher).toMatchObject({ capPoints: 100, merchantScope: restaurant.number });
    await expectChinese('出示优惠券');
    await fits240('出示优惠券');

    // The shop captures it (through the same API its phone uses); the list then says 已使用.
    const device = await enrollShopDevice();
    const record = await device.sign(text!);
    const answer = await world.json<{ outcome: string }>('POST', '/v1/redemptions', {
      token: device.token,
      body: record,
      status: 200,
    });
    expect(answer.outcome).toBe('accepted');
    await page.getByRole('button', { name: '返回优惠券列表' }).click();
    await expect
      .poll(async () => (await page.getByTestId('coupon').textContent()) ?? '', { timeout: 10_000 })
      .toContain('已使用');
    await expect(page.getByTestId('coupon-show').count()).resolves.toBe(0);
  });

  /** The resident's token, from the app's own store (the browser enrolled the phone). */
  async function residentToken(): Promise<string> {
    return page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('resident');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('kv').objectStore('kv').get('tokens');
            get.onsuccess = () => resolve(get.result.accessToken);
            get.onerror = () => reject(get.error);
          };
        }),
    );
  }

  async function enrollShopDevice() {
    const seed = crypto.getRandomValues(new Uint8Array(32));
    const slip = await call<{ enrollmentCode: string }>(
      'POST',
      `/v1/merchants/${restaurant.id}/devices`,
      world.coordinator,
    );
    const enrolled = await world.json<{ deviceId: string; tokens: { accessToken: string } }>(
      'POST',
      '/v1/enroll/device',
      { body: { code: slip.enrollmentCode, publicKey: toBase64url(ed25519Node.publicKeyOf!(seed)) } },
    );
    return {
      token: enrolled.tokens.accessToken,
      sign: async (voucher: string) =>
        signRedemptionRecord(
          {
            id: randomUUID(),
            voucher,
            points: 100,
            offerId: 'meal-coupon',
            billFen: 8000,
            discountFen: 1600,
            scannedAt: Date.now(),
            deviceId: enrolled.deviceId,
            seq: 1,
          },
          seed,
          ed25519Node,
        ),
    };
  }
});
