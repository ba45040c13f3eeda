/**
 * A household card at the merchant app's counter (issue #19), in headless Chromium at 360×800
 * against the real API on a real database. Staff print the card on the console; the QR is read
 * from a screenshot of the printed sheet and fed to the app through the scanner. Online: the PIN
 * typed on the customer's keypad captures 50 points once and the screen says "已使用 50 积分，余额
 * 810"; five wrong PINs lock the card and say so. Offline: the card is taken without a PIN up to
 * its daily floor and refused above it in words; synced, the points are taken once; a card
 * reported lost before the phone's last sync is refused offline. A card pays for a basket of the
 * points supermarket's goods too (by barcode and by tile, then the PIN). Screenshots:
 * test-results/screenshots/merchant-card-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardList, IssuedCard } from '../../shared/api/cards.ts';
import { GoodDetail } from '../../shared/api/goods.ts';
import { RedemptionList } from '../../shared/api/merchant.ts';
import { ADMIN } from '../helpers/api.ts';
import {
  decodeQrFromPng,
  launchBrowser,
  misfits,
  newPhoneContext,
  screenshotPath,
} from '../helpers/browser.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import { latinWords, visibleText } from '../helpers/zh-sweep.ts';
import { ensureMerchantBuild } from './browser.ts';
import { deviceToken, enroll, flush, pending, readStore, setOffline, today, wedgeScan } from './steps.ts';
import {
  createShop,
  deviceCode,
  type Resident,
  residentBalance,
  residentWithPoints,
  type Shop,
  startWorld,
  type World,
} from './world.ts';

const SHOP = '兴隆超市';
const PIN = '580213';

let world: World;
let shop: Shop;
let holder: Resident;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let card: IssuedCard;
/** The card's QR as read back from the printed sheet. */
let scanned = '';

const shot = (name: string) => page.screenshot({ path: screenshotPath(`merchant-card-${name}`) });
const balance = async () => (await residentBalance(world, holder)).balance;
const chineseOnly = async () => expect(latinWords(visibleText(await page.content()))).toEqual([]);

async function typePin(pin: string): Promise<void> {
  for (const d of pin) await page.click(`.pin-key[data-key="${d}"]`);
  await page.click('#pin-ok');
}

/** Scans the card and takes `points` typed by hand, up to the keypad (online) or the confirm step (offline). */
async function ringUp(points: number): Promise<void> {
  await wedgeScan(page, scanned);
  await page.locator('#card[data-card="valid"]').waitFor();
  await page.locator('#hand-points').fill(String(points));
  await page.click('#hand-next');
}

/** The shop's list for today, from the API: what the server recorded. */
async function shopRecords() {
  const res = await world.api.call('GET', `/v1/merchant/redemptions?day=${today(world)}`, {
    token: await deviceToken(page),
  });
  return RedemptionList.parse(await res.json()).redemptions;
}

beforeAll(async () => {
  ensureMerchantBuild();
  world = await startWorld(await createTestDatabase());
  shop = await createShop(world, SHOP);
  holder = await residentWithPoints(world, '王桂兰', 860);
  card = IssuedCard.parse(
    await world.json('POST', `/v1/residents/${holder.id}/cards`, { token: world.coordinator }),
  );
  await world.json('PUT', `/v1/cards/${card.id}/pin`, { token: world.coordinator, body: { pin: PIN } });
  browser = await launchBrowser();

  // Staff print the card on the console; the QR is read from a screenshot of the sheet.
  const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const console = await desk.newPage();
  await console.goto(`${world.baseUrl}/console/login`);
  await console.fill('input[name=email]', ADMIN.email);
  await console.fill('input[name=password]', ADMIN.password);
  await console.click('main button[type=submit]');
  await console.waitForURL(`${world.baseUrl}/console/`);
  await console.goto(`${world.baseUrl}/console/residents/${holder.id}`);
  await console.click(`[data-card="${card.id}"] a[href*="/cards/print"]`);
  await console.waitForURL(/\/cards\/print/);
  const face = console.locator(`.cut[data-card="${card.id}"]`);
  await face.screenshot({ path: screenshotPath('merchant-card-printed') });
  scanned = decodeQrFromPng(await face.locator('svg').screenshot()) ?? '';
  await desk.close();

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

describe('a household card at the counter', () => {
  it('the QR read from the printed sheet is the card the API issued', () => {
    expect(scanned).toBe(card.text);
  });

  it('online: the customer types the PIN on the keypad; 50 points are taken once, "已使用 50 积分，余额 810"', async () => {
    await wedgeScan(page, scanned);
    const panel = page.locator('#card[data-card="valid"]');
    await panel.waitFor();
    expect(await panel.textContent()).toContain(`积分卡 尾号 ${card.number.slice(-4)}`);
    await chineseOnly();
    await shot('1-scanned');
    await page.locator('#bill').fill('30');
    await page.click('[data-offer="haircut-5"]');
    await page.locator('#pin-pad').waitFor();
    expect(await page.textContent('#pin-points')).toBe('本次使用 50 积分');
    for (const d of PIN.slice(0, 3)) await page.click(`.pin-key[data-key="${d}"]`);
    expect(await page.locator('.pin-dot.full').count()).toBe(3);
    // Dots only: the digits typed are nowhere on the screen.
    expect(await page.textContent('#pin-dots')).not.toMatch(/\d/);
    await chineseOnly();
    expect(await misfits(page)).toEqual([]);
    await shot('2-keypad');
    for (const d of PIN.slice(3)) await page.click(`.pin-key[data-key="${d}"]`);
    await page.click('#pin-ok');
    const result = page.locator('#card-result[data-outcome="accepted"]');
    await result.waitFor();
    expect(await page.textContent('#card-result-line')).toBe('已使用 50 积分，余额 810');
    expect(await page.textContent('#money-discount')).toBe('−¥5.00');
    await chineseOnly();
    await shot('3-used');
    expect(await balance()).toBe(810);
    // Once: one record at the shop, and nothing waits in the outbox (a PIN is never stored).
    const records = (await shopRecords()).filter((r) => r.outcome === 'accepted');
    expect(records.map((r) => r.points)).toEqual([50]);
    expect(await pending(page)).toBe(0);
    expect(await readStore(page, 'outbox')).toEqual([]);
    const log = (await readStore(page, 'log')) as { cardNumber?: string; points: number }[];
    expect(log.filter((e) => e.cardNumber === card.number).map((e) => e.points)).toEqual([50]);
    await page.click('#next-scan');
    // Today's list names the card by its last four digits, beside the offer.
    await page.click('#tab-today');
    await page
      .locator('.records', { hasText: `积分卡 尾号 ${card.number.slice(-4)} · 理发减 5 元` })
      .waitFor();
    await shot('3b-today');
    await page.click('#tab-scan');
  });

  it('a wrong PIN says how many tries are left; the fifth locks the card and says so', async () => {
    await ringUp(10);
    await page.locator('#pin-pad').waitFor();
    for (let left = 4; left >= 1; left--) {
      await typePin('111111');
      await page.locator('#pin-problem', { hasText: `还可以再试 ${left} 次` }).waitFor();
      // The keypad starts empty for the next try.
      expect(await page.locator('.pin-dot.full').count()).toBe(0);
      if (left === 4) await shot('4-wrong-pin');
    }
    await typePin('111111');
    const locked = page.locator('#card-result[data-outcome="card_locked"]');
    await locked.waitFor();
    expect(await locked.textContent()).toContain('已锁定');
    await chineseOnly();
    await shot('5-locked');
    expect(await balance()).toBe(810);
    const [view] = CardList.parse(
      await world.json('GET', `/v1/residents/${holder.id}/cards`, { token: world.coordinator }),
    ).cards;
    expect(view).toMatchObject({ id: card.id, locked: true });
    // The right PIN does not open a locked card either: the lock is the card's, not the sale's.
    await page.click('#next-scan');
    await ringUp(10);
    await typePin(PIN);
    await page.locator('#card-result[data-outcome="card_locked"]').waitFor();
    await page.click('#next-scan');
    await world.json('POST', `/v1/cards/${card.id}/unlock`, { token: world.coordinator });
  });

  it('offline: no PIN up to the floor of 50 a day, refused above it in words; synced, taken once', async () => {
    await setOffline(context, page, true);
    await wedgeScan(page, scanned);
    await page.locator('#card-floor').waitFor();
    expect(await page.textContent('#card-floor')).toContain('还可以用 50 积分');
    await shot('6-offline');
    await page.locator('#hand-points').fill('30');
    await page.click('#hand-next');
    await page.click('#confirm');
    await page.locator('#card-result[data-outcome="pending"]').waitFor();
    expect(await page.textContent('#card-result-line')).toContain('已记下 30 积分');
    await page.click('#next-scan');

    // 30 of 50 used: 25 more is over the floor, and the screen says so before anything is signed.
    await ringUp(25);
    await page.locator('.offer-step .problem', { hasText: '今天最多还能用 20 积分' }).waitFor();
    expect(await page.textContent('#card-floor')).toContain('还可以用 20 积分');
    await chineseOnly();
    await shot('7-over-floor');
    await page.locator('#hand-points').fill('20');
    await page.click('#hand-next');
    await page.click('#confirm');
    await page.locator('#card-result[data-outcome="pending"]').waitFor();
    await page.click('#next-scan');
    await wedgeScan(page, scanned);
    await page.locator('#card-floor', { hasText: '还可以用 0 积分' }).waitFor();
    await page.click('#offer-cancel');
    expect(await pending(page)).toBe(2);
    expect(await balance()).toBe(810);

    await setOffline(context, page, false);
    await flush(page);
    await flush(page);
    await expect.poll(() => pending(page)).toBe(0);
    expect(await balance()).toBe(760);
    const offline = (await shopRecords()).filter((r) => r.outcome === 'accepted' && r.points !== 50);
    expect(offline.map((r) => r.points).sort()).toEqual([20, 30]);
  });

  it('a card reported lost before the last sync is refused offline; a typed number offline is refused in words', async () => {
    await world.json('POST', `/v1/cards/${card.id}/lost`, { token: world.coordinator });
    await page.evaluate(() =>
      (window as unknown as { __merchant: { refreshConfig(): Promise<boolean> } }).__merchant.refreshConfig(),
    );
    await setOffline(context, page, true);
    await wedgeScan(page, scanned);
    const refused = page.locator('#card[data-card="refused"][data-refusal="card_blocked"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('已挂失');
    await chineseOnly();
    expect(await misfits(page)).toEqual([]);
    await shot('8-lost-offline');
    await page.click('#next-scan');

    // A replacement card: its number typed while offline cannot be checked, and the app says so.
    const fresh = IssuedCard.parse(
      await world.json('POST', `/v1/residents/${holder.id}/cards`, { token: world.coordinator }),
    );
    await page.locator('#paste').fill(fresh.number);
    await page.click('#paste-check');
    await page.locator('#card-typed-offline').waitFor();
    expect(await page.textContent('#card-typed-offline')).toContain('要联网才能核对');
    await page.click('#offer-cancel');
    // A mistyped card number (the check digit is wrong) is said under the field.
    const wrong = fresh.number.slice(0, 15) + String((Number(fresh.number[15]) + 1) % 10);
    await page.locator('#paste').fill(wrong);
    await page.click('#paste-check');
    expect(await page.textContent('#entry-problem')).toContain('核对卡号');
    await setOffline(context, page, false);
    expect(await balance()).toBe(760);
  });

  it('fits at 240 px with large text on the keypad and the result', async () => {
    await page.setViewportSize({ width: 240, height: 700 });
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '150%';
    });
    try {
      const fresh = CardList.parse(
        await world.json('GET', `/v1/residents/${holder.id}/cards`, { token: world.coordinator }),
      ).cards.find((c) => c.status === 'active')!;
      await world.json('PUT', `/v1/cards/${fresh.id}/pin`, { token: world.coordinator, body: { pin: PIN } });
      await page.locator('#paste').fill(fresh.number);
      await page.click('#paste-check');
      await page.locator('#card[data-card="valid"]').waitFor();
      await page.locator('#hand-points').fill('10');
      await page.click('#hand-next');
      await page.locator('#pin-pad').waitFor();
      expect(await misfits(page, 240)).toEqual([]);
      await shot('9-keypad-240');
      await typePin(PIN);
      await page.locator('#card-result[data-outcome="accepted"]').waitFor();
      expect(await page.textContent('#card-result-line')).toBe('已使用 10 积分，余额 750');
      expect(await misfits(page, 240)).toEqual([]);
      await shot('10-used-240');
      await page.click('#lang');
      await page.locator('#card-result-line', { hasText: '10 points used, 750 left' }).waitFor();
      await page.click('#lang');
    } finally {
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '';
      });
      await page.setViewportSize({ width: 360, height: 800 });
    }
  });

  it('a card pays for a basket: 食用油 by its barcode, 纸巾 by its tile, the PIN, the lines on the receipt, the stock down once', async () => {
    const add = async (body: unknown) =>
      GoodDetail.parse(
        await world.json('POST', `/v1/merchants/${shop.id}/goods`, { token: world.coordinator, body }),
      );
    const oil = await add({
      name: '食用油',
      points: 30,
      copayFen: 500,
      unit: '桶',
      barcode: '6901234567892',
    });
    const tissue = await add({ name: '纸巾', points: 10, unit: '包' });
    for (const g of [oil, tissue]) {
      await world.json('POST', `/v1/goods/${g.id}/stock-events`, {
        token: world.coordinator,
        body: { kind: 'delivery', quantity: 10 },
      });
    }
    await page.evaluate(() =>
      (window as unknown as { __merchant: { refreshConfig(): Promise<boolean> } }).__merchant.refreshConfig(),
    );
    const fresh = CardList.parse(
      await world.json('GET', `/v1/residents/${holder.id}/cards`, { token: world.coordinator }),
    ).cards.find((c) => c.status === 'active')!;
    if (await page.locator('#next-scan').isVisible()) await page.click('#next-scan');
    await page.locator('#paste').fill(fresh.number);
    await page.click('#paste-check');
    await page.locator('#card[data-card="valid"]').waitFor();
    await page.click('#use-goods');
    await page.locator('#basket').waitFor();
    await wedgeScan(page, '6901234567892');
    await wedgeScan(page, '6901234567892');
    await page.locator(`.good-tile[data-good="${tissue.id}"]`).click();
    await page.locator('#basket-points', { hasText: '共 70 积分' }).waitFor();
    expect(await page.locator('#basket-copay').textContent()).toBe('另收现金 ¥10.00');
    // The card's sale is still open: the barcodes went into its basket, not a new scan.
    expect(await page.locator('#card[data-card="valid"]').count()).toBe(1);
    await chineseOnly();
    expect(await misfits(page)).toEqual([]);
    await shot('11-basket');
    await page.click('#basket-next');
    await page.locator('#pin-pad').waitFor();
    expect(await page.textContent('#pin-points')).toBe('本次使用 70 积分');
    await typePin(PIN);
    await page.locator('#card-result[data-outcome="accepted"]').waitFor();
    expect(await page.textContent('#card-result-line')).toBe('已使用 70 积分，余额 680');
    const receipt = await page.textContent('#receipt');
    expect(receipt).toContain('食用油');
    expect(receipt).toContain('纸巾');
    await chineseOnly();
    await shot('12-basket-used');
    expect(await balance()).toBe(680);
    const stock = async (id: string) =>
      GoodDetail.parse(await world.json('GET', `/v1/goods/${id}`, { token: world.coordinator })).stock;
    expect([await stock(oil.id), await stock(tissue.id)]).toEqual([8, 9]);
    const [sale] = (await shopRecords()).filter((r) => r.points === 70);
    expect(sale!.lines.map((l) => [l.name, l.quantity]).sort()).toEqual([
      ['纸巾', 1],
      ['食用油', 2],
    ]);
    await page.click('#next-scan');
  });
});
