/**
 * The basket at the points supermarket's counter (issue #18), in headless Chromium at 360×800
 * against the real API on a real database: goods and deliveries through the API; offline, a
 * resident's code scanned, 食用油 ×3 added by its barcode through the scanner and 纸巾 ×2 by tapping
 * its tile, one confirm; back online the outbox syncs once, the stock and the balance move once,
 * and a reversal from today's list puts the goods back. Online, a basket the shelf cannot cover
 * or priced before a price changed is refused in words and can be rung up again; a basket over
 * the code's cap is refused before anything is signed; the basket fits at 240 px and with large
 * text; goods chosen under a code that runs out stay for the fresh one. Screenshots go to test-results/screenshots/basket-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goods } from '../../api/db/schema/index.ts';
import { GoodDetail } from '../../shared/api/goods.ts';
import { RedemptionList, SyncResponse } from '../../shared/api/merchant.ts';
import type { RedemptionRecord } from '../../shared/redemption-record.ts';
import { launchBrowser, misfits, newPhoneContext, PHONE, screenshotPath } from '../helpers/browser.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import { ensureMerchantBuild, launchOptions } from './browser.ts';
import { deviceToken, enroll, flush, pending, readStore, setOffline, today, wedgeScan } from './steps.ts';
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

const SHOP = '兴隆积分超市';
const OIL_BARCODE = '6901234567892';

let world: World;
let shop: Shop;
let resident: Resident;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let oil: GoodDetail;
let tissue: GoodDetail;

const good = async (id: string) =>
  GoodDetail.parse(await world.json('GET', `/v1/goods/${id}`, { token: world.coordinator }));
const shot = (name: string) => page.screenshot({ path: screenshotPath(`basket-${name}`) });

/** A small picture of a bottle of oil: a yellow body on white, made here (no file in the tree). */
function oilPicture(): Buffer {
  const png = new PNG({ width: 160, height: 120 });
  for (let y = 0; y < 120; y++) {
    for (let x = 0; x < 160; x++) {
      const i = (y * 160 + x) * 4;
      const bottle = x > 60 && x < 100 && y > 20 && y < 110;
      const cap = x > 72 && x < 88 && y > 8 && y <= 20;
      png.data.set(cap ? [180, 30, 30, 255] : bottle ? [240, 190, 40, 255] : [255, 255, 255, 255], i);
    }
  }
  return PNG.sync.write(png);
}

beforeAll(async () => {
  ensureMerchantBuild();
  world = await startWorld(await createTestDatabase());
  shop = await createShop(world, SHOP, []);
  resident = await residentWithPoints(world, '王桂兰', 1000);
  const add = (body: object) =>
    world.json<GoodDetail>('POST', `/v1/merchants/${shop.id}/goods`, { token: world.coordinator, body });
  oil = await add({
    name: '食用油',
    points: 30,
    copayFen: 500,
    unit: '桶',
    barcode: OIL_BARCODE,
    lowStock: 2,
  });
  tissue = await add({ name: '纸巾', points: 10, unit: '包', lowStock: 3 });
  for (const [g, quantity] of [
    [oil, 5],
    [tissue, 10],
  ] as const) {
    await world.json('POST', `/v1/goods/${g.id}/stock-events`, {
      token: world.coordinator,
      body: { kind: 'delivery', quantity },
    });
  }
  // The oil has a picture (its tile shows it); the tissue has none (its tile shows its name).
  const photo = await world.api.app.request(`/v1/goods/${oil.id}/photo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${world.coordinator}`, 'content-type': 'image/png' },
    body: new Uint8Array(oilPicture()),
  });
  if (photo.status !== 200) throw new Error(`photo upload: ${photo.status} ${await photo.text()}`);
  browser = await launchBrowser();
  context = await newPhoneContext(browser, { baseURL: world.baseUrl, serviceWorkers: 'block' });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  world.syncClock();
  await enroll(page, await deviceCode(world, shop), SHOP);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

describe('the basket at the counter', () => {
  it('offline: 食用油 ×3 by barcode and 纸巾 ×2 by tile, one confirm; synced once; a reversal puts them back', async () => {
    const before = (await residentBalance(world, resident)).balance;
    const voucher = await residentVoucher(world, resident, 200);
    await setOffline(context, page, true);

    await wedgeScan(page, voucher.text);
    await page.locator('#basket').waitFor();
    expect(await page.locator('#verdict').getAttribute('data-voucher-id')).toBe(voucher.voucherId);
    for (let i = 0; i < 3; i++) {
      await wedgeScan(page, OIL_BARCODE);
      await page.locator(`.line[data-line="${oil.id}"][data-quantity="${i + 1}"]`).waitFor();
    }
    const tile = page.locator(`.good-tile[data-good="${tissue.id}"]`);
    await tile.click();
    await tile.click();
    await page.locator(`.line[data-line="${tissue.id}"][data-quantity="2"]`).waitFor();
    expect(await page.locator(`.line[data-line="${oil.id}"] .line-name`).textContent()).toBe('食用油 ×3');
    expect(await page.locator('#basket-points').textContent()).toBe('共 110 积分');
    expect(await page.locator('#basket-copay').textContent()).toBe('另收现金 ¥15.00');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('1-basket');
    // The goods as tiles: the oil's picture, the tissue's name on a large tile.
    await expect
      .poll(() =>
        page
          .locator(`.good-tile[data-good="${oil.id}"] img.good-photo`)
          .evaluate((img) => (img as HTMLImageElement).naturalWidth),
      )
      .toBe(160);
    await page.locator('#goods').scrollIntoViewIfNeeded();
    await shot('1b-tiles');
    // A product this shop does not sell is said in the basket, which stays.
    await wedgeScan(page, '6900000000017');
    await page.locator('#basket-notice[data-notice="unknown_barcode"]').waitFor();
    expect(await page.locator('.line').count()).toBe(2);
    // Every word on the zh-CN basket is Chinese (numbers and ¥ aside).
    expect(await page.locator('#basket').textContent()).not.toMatch(/[A-Za-z]/);

    await page.locator('#basket-next').click();
    expect(await page.locator('#confirm-points').textContent()).toBe('收取 110 积分');
    await page.locator('#confirm').click();
    await page.locator('#done').waitFor();
    expect(await page.locator('#done-status').textContent()).toContain('已保存在本机，联网后自动上传');
    expect(await page.locator('#receipt .receipt-name').allTextContents()).toEqual(['食用油 ×3', '纸巾 ×2']);
    expect(await page.locator('#receipt .receipt-copay').textContent()).toBe('另收现金 ¥15.00');
    expect(await pending(page)).toBe(1);
    await shot('2-receipt');

    // One signed v2 record with the basket's lines waits in the outbox.
    const [record] = (await readStore(page, 'outbox')) as RedemptionRecord[];
    expect(record).toMatchObject({ seq: 1, points: 110, offerId: null, billFen: 0, discountFen: 0 });
    expect(record!.lines).toEqual([
      { goodsId: oil.id, quantity: 3, points: 30, copayFen: 500 },
      { goodsId: tissue.id, quantity: 2, points: 10, copayFen: 0 },
    ]);

    await setOffline(context, page, false);
    await flush(page);
    await expect.poll(() => pending(page), { timeout: 15_000 }).toBe(0);
    await page.locator('#done[data-outcome="accepted"]').waitFor();
    expect((await good(oil.id)).stock).toBe(2);
    expect((await good(tissue.id)).stock).toBe(8);
    expect((await residentBalance(world, resident)).balance).toBe(before - 110);
    // Once: the same record again is the first answer, replayed, and nothing moves.
    const token = await deviceToken(page);
    const replay = SyncResponse.parse(
      await world.json('POST', '/v1/redemptions/sync', { token, body: { records: [record] } }),
    );
    expect(replay.results.map((r) => [r.outcome, r.replayed])).toEqual([['accepted', true]]);
    expect(replay.missingSeqs).toEqual([]);
    expect((await good(oil.id)).stock).toBe(2);
    expect((await residentBalance(world, resident)).balance).toBe(before - 110);

    // Today's list shows the basket's lines, and the low-stock line the oil.
    await page.locator('#tab-today').click();
    const row = page.locator(`.record[data-record="${record!.id}"][data-outcome="accepted"]`);
    await row.waitFor();
    await expect
      .poll(() => row.locator('.record-lines li').allTextContents())
      .toEqual(expect.arrayContaining(['食用油 ×3 · 90 积分', '纸巾 ×2 · 20 积分']));
    expect(await row.locator('.record-money').textContent()).toContain('另收现金 ¥15.00');
    await expect.poll(() => page.locator('#low-stock').textContent()).toContain('食用油 只剩 2 桶');
    expect(await page.locator('#low-stock').textContent()).not.toContain('纸巾');
    await shot('3-today');
    await page.locator('#low-stock').screenshot({ path: screenshotPath('basket-4-low-stock') });

    await row.locator('button.reverse').click();
    expect(await page.locator('#reverse-dialog').textContent()).toContain('食用油 ×3');
    await page.locator('#reverse-yes').click();
    await row.and(page.locator('.reversed')).waitFor();
    expect((await good(oil.id)).stock).toBe(5);
    expect((await good(tissue.id)).stock).toBe(10);
    expect((await residentBalance(world, resident)).balance).toBe(before);
    await expect.poll(() => page.locator('#low-stock').count()).toBe(0);
    const listed = RedemptionList.parse(
      await world.json('GET', `/v1/merchant/redemptions?day=${today(world)}`, { token }),
    );
    expect(listed.redemptions.find((r) => r.id === record!.id)?.reversed).toBe(true);
  });

  it('online: a basket more than the shelf holds is refused in words, takes nothing, and is rung up again', async () => {
    await page.locator('#tab-scan').click();
    const before = await residentBalance(world, resident);
    const voucher = await residentVoucher(world, resident, 300);
    await wedgeScan(page, voucher.text);
    await page.locator('#basket').waitFor();
    for (let i = 0; i < 6; i++) await wedgeScan(page, OIL_BARCODE);
    await page.locator(`.line[data-line="${oil.id}"][data-quantity="6"]`).waitFor();
    // The phone's own books already say the shelf is short; the API decides.
    expect(await page.locator('.line-shelf').textContent()).toBe('库存记录只有 5 桶');
    await page.locator('#basket-next').click();
    await page.locator('#confirm').click();
    await page.locator('#done[data-outcome="refused_online"][data-problem="out_of_stock"]').waitFor();
    const said = await page.locator('#done-status').textContent();
    expect(said).toContain('食用油 只剩 5 桶。');
    expect(said).toContain('库存不够');
    await shot('5-refused-online');
    // Nothing was taken and nothing waits: the record left the outbox and gave back its seq.
    expect(await readStore(page, 'outbox')).toEqual([]);
    expect(await pending(page)).toBe(0);
    expect((await good(oil.id)).stock).toBe(5);
    expect((await residentBalance(world, resident)).balance).toBe(before.balance);

    await page.locator('#ring-again').click();
    await page.locator(`.line[data-line="${oil.id}"][data-quantity="6"]`).waitFor();
    await page.locator(`.line[data-line="${oil.id}"] .step-less`).click();
    await page.locator(`.line[data-line="${oil.id}"][data-quantity="5"]`).waitFor();
    await page.locator('#basket-next').click();
    await page.locator('#confirm').click();
    await page.locator('#done[data-outcome="accepted"]').waitFor();
    expect((await good(oil.id)).stock).toBe(0);
    const after = await residentBalance(world, resident);
    expect(after.balance).toBe(before.balance - 150);
    const [entry] = ((await readStore(page, 'log')) as { seq: number; points: number }[]).filter(
      (e) => e.points === 150,
    );
    expect(entry!.seq).toBe(2);
    const missing = await page.evaluate(
      () =>
        (window as unknown as { __merchant: { state(): { missingSeqs: number[] } } }).__merchant.state()
          .missingSeqs,
    );
    expect(missing).toEqual([]);
  });

  it('online: a price changed since the phone last heard is refused in words; rung up again at the new price', async () => {
    // The coordinator's console changes prices; the row is changed here the way it would be.
    await world.api.database.db.update(goods).set({ points: 12 }).where(eq(goods.id, tissue.id));
    await page.locator('#next-scan').click();
    const voucher = await residentVoucher(world, resident, 100);
    await wedgeScan(page, voucher.text);
    await page.locator('#basket').waitFor();
    await page.locator(`.good-tile[data-good="${tissue.id}"]`).click();
    expect(await page.locator('#basket-points').textContent()).toBe('共 10 积分');
    await page.locator('#basket-next').click();
    await page.locator('#confirm').click();
    await page.locator('#done[data-problem="basket_prices_changed"]').waitFor();
    expect(await page.locator('#done-status').textContent()).toBe(
      '商品的积分价格变了，请刷新商品后重新结算。',
    );
    expect(await pending(page)).toBe(0);
    // The refusal fetched the goods again: the basket comes back at today's price.
    await expect
      .poll(() =>
        page.evaluate(
          (id) =>
            (
              window as unknown as {
                __merchant: { state(): { config: { config: { goods: { id: string; points: number }[] } } } };
              }
            ).__merchant
              .state()
              .config.config.goods.find((g) => g.id === id)?.points,
          tissue.id,
        ),
      )
      .toBe(12);
    await page.locator('#ring-again').click();
    expect(await page.locator('#basket-points').textContent()).toBe('共 12 积分');
    await page.locator('#basket-next').click();
    await page.locator('#confirm').click();
    await page.locator('#done[data-outcome="accepted"]').waitFor();
    expect(await page.locator('#receipt .receipt-points').textContent()).toBe('12 积分');
  });

  it('refuses a basket over the code’s cap in words before anything is signed; fits at 240 px', async () => {
    await world.json('POST', `/v1/goods/${oil.id}/stock-events`, {
      token: world.coordinator,
      body: { kind: 'delivery', quantity: 10 },
    });
    await page.locator('#next-scan').click();
    const voucher = await residentVoucher(world, resident, 50);
    await wedgeScan(page, voucher.text);
    await page.locator('#basket').waitFor();
    await page.locator('#goods-search').fill('油');
    expect(await page.locator('.good-tile').count()).toBe(1);
    await page.locator(`.good-tile[data-good="${oil.id}"]`).click();
    await page.locator(`.line[data-line="${oil.id}"] .step-more`).click();
    expect(await page.locator('#basket-over').textContent()).toContain(
      '超过了这个积分码的上限：一共 60 积分，最多只能用 50 积分',
    );
    expect(await page.locator('#basket-next').isDisabled()).toBe(true);

    await page.setViewportSize({ width: 240, height: 640 });
    expect(await misfits(page, 240)).toEqual([]);
    await page.screenshot({ path: screenshotPath('basket-6-240px') });
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await readStore(page, 'outbox')).toEqual([]);
  });

  it('with the phone set to large text the basket still fits, and its buttons are large targets', async () => {
    // The phone's text size is the browser's default font size, a preference of its profile.
    const profile = mkdtempSync(join(tmpdir(), 'merchant-basket-'));
    mkdirSync(join(profile, 'Default'), { recursive: true });
    writeFileSync(
      join(profile, 'Default', 'Preferences'),
      JSON.stringify({ webkit: { webprefs: { default_font_size: 24 } } }),
    );
    const large = await chromium.launchPersistentContext(profile, {
      ...launchOptions(),
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      baseURL: world.baseUrl,
      serviceWorkers: 'block',
      locale: 'zh-CN',
    });
    try {
      const phone = large.pages()[0] ?? (await large.newPage());
      phone.setDefaultTimeout(10_000);
      await enroll(phone, await deviceCode(world, shop), SHOP);
      await wedgeScan(phone, (await residentVoucher(world, resident, 100)).text);
      await phone.locator('#basket').waitFor();
      await wedgeScan(phone, OIL_BARCODE);
      await phone.locator(`.good-tile[data-good="${tissue.id}"]`).click();
      await phone.locator(`.line[data-line="${tissue.id}"]`).waitFor();
      expect(await misfits(phone, PHONE.width)).toEqual([]);
      const small = await phone.evaluate(
        () =>
          [...document.querySelectorAll('#basket button')]
            .map((b) => b.getBoundingClientRect())
            .filter((r) => r.width < 48 || r.height < 48).length,
      );
      expect(small).toBe(0);
      await phone.evaluate(() => window.scrollTo(0, 0));
      await phone.screenshot({ path: screenshotPath('basket-7-large-text') });
    } finally {
      await large.close();
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    }
  });
  it('a code that runs out while the basket is rung up keeps the goods for the customer’s fresh code', async () => {
    // The phone's estimate of the server's clock, fresh, so the countdown runs out when planned.
    world.syncClock();
    const fetched = await page.evaluate(
      () =>
        (
          window as unknown as { __merchant: { state(): { config: { fetchedAt: number } } } }
        ).__merchant.state().config.fetchedAt,
    );
    await page.locator('#tab-settings').click();
    await page.getByRole('button', { name: '立即更新' }).click();
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (
              window as unknown as { __merchant: { state(): { config: { fetchedAt: number } } } }
            ).__merchant.state().config.fetchedAt,
        ),
      )
      .toBeGreaterThan(fetched);
    await page.locator('#tab-scan').click();
    const closing = await signedVoucher(world, {
      capPoints: 100,
      issuedAt: Math.floor(world.api.clock.now().getTime() / 1000) - 172,
      ttlSeconds: 180,
    });
    await wedgeScan(page, closing);
    await page.locator('#basket').waitFor();
    await wedgeScan(page, OIL_BARCODE);
    await page.locator(`.line[data-line="${oil.id}"][data-quantity="1"]`).waitFor();
    await page.locator('#verdict[data-refusal="expired"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('#basket-kept').textContent()).toBe(
      '已选的 1 种商品还在。请顾客出示新的积分码，再扫一次。',
    );
    world.syncClock();
    await wedgeScan(page, (await residentVoucher(world, resident, 100)).text);
    await page.locator(`#basket .line[data-line="${oil.id}"][data-quantity="1"]`).waitFor();
    expect(await page.locator('#verdict').getAttribute('data-verdict')).toBe('valid');
  });
});
