/**
 * Closing the loop at the counter (issue #14), in headless Chromium against the real API on a
 * real database: the money the shopkeeper charges, a new scan replacing the last verdict, codes
 * that are not ours, offers the code cannot cover, the 码号 typed in, today's list in words with
 * the app's own reversal dialog, a double presentment found at sync and the coordinator's
 * decision, and enrollment in Chinese only. Every zh-CN screen passes the zh sweep.
 * Screenshots at 360×800 go to test-results/merchant-pwa/counter-*.png for review.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedemptionList } from '../../shared/api/merchant.ts';
import { problemWords } from '../../shared/problems.ts';
import { formatShortCode, shortCodeOf } from '../../shared/short-code.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import { latinWords } from '../helpers/zh-sweep.ts';
import { ensureMerchantBuild, launchBrowser, PHONE, screenshotPath } from './browser.ts';
import {
  captureOn,
  deviceToken,
  enroll,
  flush,
  otherPhone,
  pending,
  wedgeScan as scanWithDelay,
  setOffline,
  takeOffer,
  today,
} from './steps.ts';
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
  type World,
} from './world.ts';

let world: World;
let shop: Shop;
let resident: Resident;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const browserDialogs: string[] = [];

beforeAll(async () => {
  ensureMerchantBuild();
  world = await startWorld(await createTestDatabase());
  shop = await createShop(world);
  resident = await residentWithPoints(world, '王秀英', 2000);
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: PHONE,
    baseURL: world.baseUrl,
    serviceWorkers: 'block',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // The app asks in its own dialogs: any browser dialog is a failure (and is dismissed).
  page.on('dialog', (d) => {
    browserDialogs.push(d.message());
    void d.dismiss();
  });
  await enroll(page, await deviceCode(world, shop));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

async function shot(name: string, target = page): Promise<void> {
  await target.screenshot({ path: screenshotPath(`counter-${name}`), fullPage: true });
}

/** The zh-CN sweep: every word on the screen is Chinese. */
async function expectAllChinese(target = page): Promise<void> {
  // What is shown, as the reader sees it: innerText, not textContent (which has hidden text too).
  // biome-ignore lint/performance/useDomNodeTextContent: the sweep reads the rendered text
  const text = await target.evaluate(() => document.body.innerText);
  expect(latinWords(text), text).toEqual([]);
}

const verdict = () => page.locator('#verdict');
/** A scanner as fast as the keyboard events go: the same burst, in less test time. */
const wedgeScan = (target: Page, text: string) => scanWithDelay(target, text, 0);

async function scanFresh(capPoints: number): Promise<{ text: string; voucherId: string }> {
  world.syncClock();
  const voucher = await residentVoucher(world, resident, capPoints);
  await wedgeScan(page, voucher.text);
  await page.locator(`[data-voucher-id="${voucher.voucherId}"]`).waitFor();
  return voucher;
}

async function backToScan(): Promise<void> {
  if (await page.locator('#confirm-back').isVisible()) await page.locator('#confirm-back').click();
  if (await page.locator('#offer-cancel').isVisible()) await page.locator('#offer-cancel').click();
  if (await page.locator('#next-scan').isVisible()) await page.locator('#next-scan').click();
  await page.locator('#tab-scan').click();
  await page.locator('#camera-start').waitFor();
}

describe('at the counter', () => {
  it('the confirm and done screens say 原价, 优惠 and 应收, and the done screen keeps them until the next scan', async () => {
    await expectAllChinese();
    await shot('01-scan');
    await scanFresh(200);
    await expectAllChinese();
    await shot('02-verdict-offers');
    await takeOffer(page, '35', 'haircut-5');
    expect(await page.locator('#money-bill').textContent()).toBe('¥35.00');
    expect(await page.locator('#money-discount').textContent()).toBe('−¥5.00');
    expect(await page.locator('#money-due').textContent()).toBe('¥30.00');
    const money = await page.locator('#money').textContent();
    expect(money).toMatch(/原价\s*¥35\.00\s*优惠\s*−¥5\.00\s*应收\s*¥30\.00/);
    // Large type: the sum to charge is the biggest thing on the screen.
    const dueSize = await page
      .locator('#money-due')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(dueSize).toBeGreaterThanOrEqual(32);
    await expectAllChinese();
    await shot('03-confirm-money');

    await page.locator('#confirm').click();
    await page.locator('#done[data-outcome="accepted"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('#done').textContent()).toMatch(/应收\s*¥30\.00/);
    expect(await page.locator('#done').textContent()).toContain('联盟已确认入账');
    await expectAllChinese();
    await shot('04-done-money');
    // Still there a while later: nothing clears it but the next scan.
    await page.waitForTimeout(1500);
    expect(await page.locator('#money-due').textContent()).toBe('¥30.00');

    await wedgeScan(page, '134567890123456789');
    await verdict().and(page.locator('[data-refusal="not_alliance"]')).waitFor();
    expect(await page.locator('#done').count()).toBe(0);
    expect(await page.locator('#money').count()).toBe(0);
  });

  it('a code that is not ours says 这不是积分码 at once and replaces the last verdict, green or red; an expired one says 已过期', async () => {
    await backToScan();
    world.syncClock();
    const good = await signedVoucher(world, { capPoints: 80 });
    const notOurs = async (text: string, how: 'scanner' | 'typed') => {
      if (how === 'scanner') await wedgeScan(page, text);
      else {
        await page.locator('#paste').fill(text);
        await page.locator('#paste-check').click();
      }
      await verdict().and(page.locator('[data-refusal="not_alliance"]')).waitFor();
      expect(await page.locator('.verdict').count()).toBe(1);
      expect(await verdict().textContent()).toContain('这不是积分码');
      expect(await page.locator('.offer-step').count()).toBe(0);
    };
    const green = async () => {
      await wedgeScan(page, good);
      await verdict().and(page.locator('[data-verdict="valid"]')).waitFor();
      expect(await page.locator('.verdict').count()).toBe(1);
    };

    await green();
    await notOurs('134567890123456789', 'scanner'); // a WeChat / Alipay payment code
    await expectAllChinese();
    await shot('05-not-ours');
    await green();
    await notOurs('6901234567892', 'scanner'); // an EAN-13 product barcode
    await green();
    await notOurs('https://example.com/pay?id=1', 'scanner'); // a link in a QR code

    // Long expired, and expired only seconds ago (inside the verifier's clock grace): both red.
    for (const secondsAgo of [3600, 20]) {
      await green();
      const expired = await signedVoucher(world, {
        capPoints: 50,
        issuedAt: Math.floor(Date.now() / 1000) - 180 - secondsAgo,
        ttlSeconds: 180,
      });
      await wedgeScan(page, expired);
      await verdict().and(page.locator('[data-refusal="expired"]')).waitFor();
      expect(await page.locator('.verdict').count()).toBe(1);
      const said = await verdict().textContent();
      expect(said).toContain('已过期');
      expect(said).not.toContain('有效');
      expect(said).not.toContain('后过期');
    }
    await expectAllChinese();
    await shot('06-expired');
    // Typed or pasted: the red verdict before is replaced just the same.
    await notOurs('https://example.com/pay?id=1', 'typed');
    await notOurs('6901234567892', 'typed');

    // A code whose time runs out while the offers are open turns red in place.
    const closing = await signedVoucher(world, {
      capPoints: 50,
      issuedAt: Math.floor(Date.now() / 1000) - 175,
      ttlSeconds: 180,
    });
    await wedgeScan(page, closing);
    await verdict().and(page.locator('[data-verdict="valid"]')).waitFor();
    // The phone knows the server's time only as of its last config, and the test server's clock
    // stands still between syncs: on a busy machine the phone may think the code has seconds
    // more than 5. Wait for red, however long that estimate is off.
    await verdict().and(page.locator('[data-refusal="expired"]')).waitFor({ timeout: 30_000 });
    expect(await page.locator('.offer-step').count()).toBe(0);
    expect(await verdict().textContent()).not.toContain('0:00');
  });

  it('offers the code cannot cover are disabled with the reason beside them, each offer named once', async () => {
    world.syncClock();
    await wedgeScan(page, await signedVoucher(world, { capPoints: 30 }));
    await verdict().and(page.locator('[data-verdict="valid"]')).waitFor();
    const offer = (code: string) => page.locator(`[data-offer="${code}"]`);
    const why = (code: string) => page.locator(`[data-why-offer="${code}"]`);

    expect(await offer('cash').textContent()).toBe('积分抵现 · 1 积分 = ¥0.10');
    expect(await offer('haircut-5').textContent()).toBe('理发减 5 元 · 50 积分');
    expect(await offer('haircut-5').isDisabled()).toBe(true);
    expect(await why('haircut-5').textContent()).toBe('需要 50 积分，这个码只有 30');
    expect(await offer('meal-20pct').isDisabled()).toBe(true);
    expect(await why('meal-20pct').textContent()).toBe('先输入消费金额');
    expect(await offer('cash').isDisabled()).toBe(true);
    expect(await why('cash').textContent()).toBe('先输入消费金额');
    expect(await offer('soap').isDisabled()).toBe(false);
    expect(await why('soap').count()).toBe(0);
    // The reason sits right under its own offer, not further down the screen.
    const gap = await page.evaluate(() => {
      const button = document.querySelector('[data-offer="haircut-5"]')!.getBoundingClientRect();
      const reason = document.querySelector('[data-why-offer="haircut-5"]')!.getBoundingClientRect();
      return reason.top - button.bottom;
    });
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(16);
    await expectAllChinese();
    await shot('07-offers-disabled');

    await page.locator('#bill').fill('35');
    await expect.poll(() => offer('cash').isDisabled()).toBe(false);
    expect(await offer('meal-20pct').isDisabled()).toBe(true);
    expect(await why('meal-20pct').textContent()).toBe('需要 100 积分，这个码只有 30');
    await page.locator('#bill').fill('3.555');
    await page.locator('#bill-problem').waitFor();
    await expectAllChinese();
  });

  it('the 码号 typed online is looked up and captured like a scan; wrong digits and no network are said in Chinese', async () => {
    await backToScan();
    world.syncClock();
    const voucher = await residentVoucher(world, resident, 100);
    const code = formatShortCode(shortCodeOf(voucher.voucherId));

    await page.locator('#paste').fill('1234');
    await page.locator('#paste-check').click();
    expect(await page.locator('#entry-problem').textContent()).toBe(problemWords('invalid_short_code', 'zh'));
    await page.locator('#paste').fill(code === '0000 0000' ? '0000 0001' : '0000 0000');
    await page.locator('#paste-check').click();
    await expect
      .poll(() => page.locator('#entry-problem').textContent())
      .toContain('没有找到这个码号的积分码');
    await expectAllChinese();
    await shot('08-short-code-not-found');

    await expect.poll(() => page.locator('#paste').getAttribute('inputmode')).toBe('numeric');
    await page.locator('#paste').fill(code);
    await page.locator('#paste-check').click();
    await page.locator(`#verdict[data-voucher-id="${voucher.voucherId}"]`).waitFor();
    expect(await verdict().textContent()).toContain(`码号 ${code}`);
    expect(await page.locator('#entry-problem').count()).toBe(0);
    await page.locator('#hand-points').fill('20');
    await page.locator('#hand-next').click();
    await page.locator('#confirm').click();
    await page.locator('#done[data-outcome="accepted"]').waitFor({ timeout: 10_000 });

    // Offline: a red verdict on screen, then a 码号: the verdict goes, the network is asked for.
    await page.locator('#next-scan').click();
    await setOffline(context, page, true);
    await wedgeScan(page, '6901234567892');
    await verdict().waitFor();
    await page.locator('#paste').fill(code);
    await page.locator('#paste-check').click();
    expect(await page.locator('#entry-problem').textContent()).toContain('码号需要联网才能查询');
    expect(await verdict().count()).toBe(0);
    await expectAllChinese();
    await shot('09-short-code-offline');
    await setOffline(context, page, false);
  });

  it("today's list names each offer and shows the money and the time, never the offer's code; a reversal asks in the app's own dialog", async () => {
    await page.locator('#tab-today').click();
    const haircut = page.locator('.record', { hasText: '理发减 5 元' });
    await haircut.waitFor();
    const text = await page.locator('.records').textContent();
    expect(text).not.toContain('haircut-5');
    expect(await haircut.textContent()).toMatch(/50 积分 · 原价 ¥35\.00 · 优惠 ¥5\.00/);
    expect(await haircut.locator('.record-time').textContent()).toMatch(/^\d{2}:\d{2}$/);
    expect(await page.locator('.record', { hasText: '手动输入积分' }).count()).toBe(1);
    await expectAllChinese();
    await shot('10-today');

    await haircut.locator('button.reverse').click();
    const dialog = page.locator('#reverse-dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('role')).toBe('dialog');
    expect(await dialog.textContent()).toContain('确定撤销这一笔');
    for (const id of ['#reverse-yes', '#reverse-no']) {
      expect((await page.locator(id).boundingBox())!.height).toBeGreaterThanOrEqual(48);
    }
    await expectAllChinese();
    await shot('11-reverse-dialog');
    await page.locator('#reverse-no').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await haircut.textContent()).not.toContain('已撤销');

    const before = await residentBalance(world, resident);
    await haircut.locator('button.reverse').click();
    await page.locator('#reverse-yes').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => haircut.textContent()).toContain('已撤销');
    expect((await residentBalance(world, resident)).balance).toBe(before.balance + 50);
    expect(browserDialogs).toEqual([]);
  });

  it('a double presentment found at sync says the coordinator is reviewing it, then what the coordinator decided', async () => {
    await backToScan();
    const kitchen = await otherPhone(world, shop, '后厨手机');
    world.syncClock();
    const voucher = await residentVoucher(world, resident, 100);

    await setOffline(context, page, true);
    await wedgeScan(page, voucher.text);
    await page.locator(`[data-voucher-id="${voucher.voucherId}"]`).waitFor();
    await page.locator('#hand-points').fill('40');
    await page.locator('#hand-next').click();
    await page.locator('#confirm').click();
    await page.locator('#done').waitFor();
    expect(await pending(page)).toBe(1);

    // Meanwhile the same code is taken at the kitchen phone, online.
    expect((await captureOn(world, kitchen, voucher.text, 40)).outcome).toBe('accepted');

    await setOffline(context, page, false);
    await flush(page);
    await page.locator('#done[data-outcome="voucher_already_redeemed"]').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.locator('#done-status').textContent())
      .toBe('这个码在别处已用过。协调员正在核查，结果会显示在这里。');
    await expectAllChinese();
    await shot('12-done-conflict-open');

    await page.locator('#tab-today').click();
    const ours = page.locator('.record[data-outcome="voucher_already_redeemed"]');
    await page.locator('.record[data-conflict="open"]').waitFor();
    expect(await ours.textContent()).toContain('协调员正在核查');
    // Two phones took records today: each says which.
    expect(await page.locator('.record', { hasText: '后厨手机' }).count()).toBe(1);
    expect(await ours.textContent()).toContain('本机');
    await expectAllChinese();
    await shot('13-today-conflict-open');

    const staff = world.coordinator;
    const { conflicts } = await world.json<{ conflicts: { id: string; recordId: string }[] }>(
      'GET',
      '/v1/conflicts?undecided=true',
      { token: staff },
    );
    const recordId = await ours.getAttribute('data-record');
    const conflict = conflicts.find((c) => c.recordId === recordId)!;
    expect(conflict).toBeDefined();
    await world.json('POST', `/v1/conflicts/${conflict.id}/decide`, {
      token: staff,
      body: { bears: 'alliance' },
    });

    await page.locator('#tab-scan').click();
    await page.locator('#tab-today').click();
    await page.locator('.record[data-conflict="paid_by_alliance"]').waitFor();
    expect(await ours.textContent()).toContain('协调员裁定：由联盟基金支付，照常结算。');
    await expectAllChinese();
    await shot('14-today-conflict-decided');

    // The API has the names the phones were given at enrollment.
    const list = RedemptionList.parse(
      await world.json('GET', `/v1/merchant/redemptions?day=${today(world)}`, {
        token: await deviceToken(page),
      }),
    );
    expect(new Set(list.redemptions.map((r) => r.deviceName))).toEqual(new Set(['前台手机', '后厨手机']));
  });

  it('a coupon bought for this shop is known at the counter: its offer only, no points by hand; used once', async () => {
    await page.locator('#tab-scan').click();
    await backToScan();
    const offer = await world.json<{ id: string }>('POST', `/v1/merchants/${shop.id}/offers`, {
      token: world.coordinator,
      body: {
        code: 'meal-coupon',
        kind: 'percent_off',
        titleZh: '100 积分兑换 8 折券',
        titleEn: 'Coupon: 20% off for 100 points',
        points: 100,
        percent: 20,
        coupon: { validDays: 30 },
      },
    });
    const coupon = await world.json<{ id: string }>('POST', '/v1/me/coupons', {
      token: resident.token,
      body: { offerId: offer.id },
    });
    const code = await world.json<{ text: string; voucherId: string }>(
      'POST',
      `/v1/me/coupons/${coupon.id}/code`,
      { token: resident.token },
    );
    const refresh = () =>
      page.evaluate(() =>
        (
          window as unknown as { __merchant: { refreshConfig(): Promise<boolean> } }
        ).__merchant.refreshConfig(),
      );
    await refresh();
    world.syncClock();
    await wedgeScan(page, code.text);
    await page.locator(`[data-voucher-id="${code.voucherId}"]`).waitFor();
    expect(await page.locator('#coupon-note').textContent()).toContain('100 积分兑换 8 折券');
    expect(await page.locator('[data-offer]').count()).toBe(1);
    expect(await page.locator('#hand-points').count()).toBe(0);
    expect(await page.locator('#use-goods').count()).toBe(0);
    await expectAllChinese();
    await shot('14b-coupon');
    await takeOffer(page, '50', 'meal-coupon');
    expect(await page.locator('#money-discount').textContent()).toBe('−¥10.00');
    await page.locator('#confirm').click();
    await page.locator('#done[data-outcome="accepted"]').waitFor();
    const mine = await world.json<{ coupons: { id: string; state: string }[] }>('GET', '/v1/me/coupons', {
      token: resident.token,
    });
    expect(mine.coupons.find((c) => c.id === coupon.id)?.state).toBe('used');
    // Used: the shop's next config no longer lists it; an ordinary code is still free to choose.
    const config = await world.json<{ coupons: { voucherId: string }[] }>('GET', '/v1/merchant/config', {
      token: await deviceToken(page),
    });
    expect(config.coupons.map((c) => c.voucherId)).not.toContain(code.voucherId);
    await page.locator('#next-scan').click();
    await scanFresh(200);
    expect(await page.locator('#coupon-note').count()).toBe(0);
    expect(await page.locator('#hand-points').count()).toBe(1);
    await backToScan();
  });

  it('statements and settings are in Chinese, and the settings name this phone, not its id', async () => {
    await page.locator('#tab-statements').click();
    await page.locator('.statements-screen h1').waitFor();
    await page.waitForLoadState('networkidle');
    await expectAllChinese();
    await shot('15-statements');
    await page.locator('#tab-settings').click();
    expect(await page.locator('#device-line').textContent()).toBe('本机：前台手机');
    await expectAllChinese();
    await shot('16-settings');
    expect(pageErrors).toEqual([]);
  });
});

describe('enrollment', () => {
  it('says a wrong 登记码 in Chinese only, and offers a name for the phone', async () => {
    const fresh = await browser.newContext({
      viewport: PHONE,
      baseURL: world.baseUrl,
      serviceWorkers: 'block',
    });
    const phone = await fresh.newPage();
    await phone.goto('/merchant/');
    await phone.locator('#enroll-code').waitFor();
    expect(await phone.locator('#device-name').inputValue()).toBe('前台手机');
    const text = await phone.evaluate(() => document.body.textContent ?? '');
    expect(text).toContain('登记码');
    expect(text).not.toContain('绑定');
    await expectAllChinese(phone);
    await shot('17-enroll', phone);

    await phone.locator('#enroll-code').fill('1234-5678-9012');
    await phone.locator('#enroll').click();
    const error = phone.locator('#enroll-error');
    await error.waitFor();
    // The registry's words for the problem's code, never the API's English detail.
    expect(await error.textContent()).toBe(`登记没有成功：${problemWords('invalid_enrollment_code', 'zh')}`);
    await expectAllChinese(phone);
    await shot('18-enroll-wrong-code', phone);

    await setOffline(fresh, phone, true);
    await phone.locator('#enroll').click();
    await expect.poll(() => error.textContent()).toBe('登记需要联网，请连上网络后再试。');
    await expectAllChinese(phone);
    await fresh.close();
  });
});
