/**
 * Household cards on the console in headless Chromium: staff make a card on the resident's page,
 * print the A4 sheet (bank-card size, cut marks, the alliance, the masked name, the number, a QR
 * that decodes to the signed card), the resident types a PIN twice on the keypad page (dots only)
 * and a shop's device then captures with it; the card is reported lost and unlocked from the
 * page. Every page reads in Chinese on zh-CN. Screenshots: test-results/screenshots/card-*.png.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cards } from '../../api/db/schema/index.ts';
import { CardCaptureResponse, CardList } from '../../shared/api/cards.ts';
import { verifyCard } from '../../shared/card.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { keyIndexFromJwks } from '../../shared/jwks.ts';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { decodeQrFromPng, launchBrowser, misfits, screenshotPath } from '../helpers/browser.ts';
import { createMerchant, createResident, enrollDevice, type TestDevice } from '../helpers/world.ts';
import { latinWords, visibleText } from '../helpers/zh-sweep.ts';

describe('household cards on the console', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let base = '';
  let server: ReturnType<typeof serve>;
  let coordinator: string;
  let device: TestDevice;
  let holder: Awaited<ReturnType<typeof createResident>>;
  let cardId = '';

  const shot = (name: string, fullPage = true) =>
    page.screenshot({ path: screenshotPath(`card-${name}`), fullPage });
  const chineseOnly = async () => expect(latinWords(visibleText(await page.content()))).toEqual([]);
  const cardsOf = async () =>
    CardList.parse(
      await (await api.call('GET', `/v1/residents/${holder.id}/cards`, { token: coordinator })).json(),
    ).cards;

  beforeAll(async () => {
    api = await createTestApi();
    coordinator = await api.login();
    const shop = await createMerchant(api, coordinator, '兴隆超市');
    device = await enrollDevice(api, coordinator, shop.id);
    holder = await createResident(api, coordinator, '王桂兰', 860);
    server = serve({ hostname: '127.0.0.1', port: 0, fetch: api.app.fetch });
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 2,
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

  it('makes a card on the resident’s page', async () => {
    await page.goto(`${base}/console/residents/${holder.id}`);
    await page.click('button[data-issue-card]');
    await page.waitForURL(/card=issued/);
    const [card] = await cardsOf();
    cardId = card!.id;
    expect(await page.locator(`[data-card="${cardId}"][data-status=active]`).count()).toBe(1);
    expect(await page.textContent('[data-section=cards]')).toContain('补办新卡');
    await chineseOnly();
    await page.locator('[data-section=cards]').screenshot({ path: screenshotPath('card-resident-section') });
  });

  it('prints an A4 sheet: masked name, the number, a QR that decodes to the signed card, cut marks', async () => {
    await page.goto(`${base}/console/residents/${holder.id}`);
    await page.click(`[data-card="${cardId}"] a[href*="/cards/print"]`);
    await page.waitForURL(/\/console\/residents\/cards\/print/);
    await chineseOnly();
    const face = page.locator(`.cut[data-card="${cardId}"]`);
    expect(await face.locator('[data-holder]').textContent()).toBe('王**');
    expect(await page.content()).not.toContain('王桂兰');
    const number = (await face.locator('[data-number]').getAttribute('data-number'))!;
    expect(number).toBe((await cardsOf())[0]!.number);
    expect((await face.locator('[data-number]').textContent())!.replace(/\s/g, '')).toBe(number);
    expect(await face.textContent()).toContain('测试联盟');
    expect(await face.locator('i').count()).toBe(4);
    expect(await misfits(page)).toEqual([]);
    // Bank-card size: 85.6 × 54 mm at 96 px per inch.
    const box = (await face.boundingBox())!;
    expect(box.width).toBeCloseTo((85.6 / 25.4) * 96, 0);
    expect(box.height).toBeCloseTo((54 / 25.4) * 96, 0);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await shot('sheet-print');
    expect(await misfits(page)).toEqual([]);
    const decoded = decodeQrFromPng(await face.locator('svg').screenshot());
    expect(decoded).toBe(await face.locator('[data-qr]').getAttribute('data-qr'));
    const jwks = await (await api.call('GET', '/.well-known/jwks.json')).json();
    const verified = verifyCard(decoded!, { keys: keyIndexFromJwks(jwks), primitive: ed25519Noble });
    expect(verified.ok && verified.card).toMatchObject({ cardId, holderId: holder.id });
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot('sheet');
  });

  it('the keypad page takes the PIN twice, shows only dots, and the card then pays', async () => {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${base}/console/residents/${holder.id}/cards/${cardId}/pin`);
      await chineseOnly();
      expect(await misfits(page)).toEqual([]);
      await page.click('[data-key="5"]');
      await page.click('[data-key="8"]');
      expect(await page.locator('.pin-boxes span.filled').count()).toBe(2);
      expect(await page.textContent('.pin-boxes')).not.toMatch(/\d/);
      await shot(`keypad-${width}`);
    }
    // A mismatch is said, and the keypad starts over.
    await page.click('[data-key=clear]');
    for (const d of '580213') await page.click(`[data-key="${d}"]`);
    await page.waitForFunction(() => document.querySelector('.prompt')?.textContent === '请再输入一次');
    for (const d of '580214') await page.click(`[data-key="${d}"]`);
    await page.waitForSelector('.mismatch:not([hidden])');
    await shot('keypad-mismatch-1280');
    for (const d of '580213') await page.click(`[data-key="${d}"]`);
    await page.waitForFunction(() => document.querySelector('.prompt')?.textContent === '请再输入一次');
    for (const d of '580213') await page.click(`[data-key="${d}"]`);
    await page.waitForURL(/card=pin/);
    expect(await page.textContent('[data-section=cards] .ok')).toBe('密码已设置。');
    const [row] = await api.database.db.select().from(cards).where(eq(cards.id, cardId));
    expect(row!.pinHash).toMatch(/^scrypt\$/);
    const res = await api.call('POST', '/v1/merchant/card-captures', {
      token: device.token,
      body: { id: randomUUID(), card: row!.number, pin: '580213', points: 50 },
    });
    expect(CardCaptureResponse.parse(await res.json())).toMatchObject({ outcome: 'accepted', balance: 810 });
  });

  it('a weak PIN is refused on the keypad page in words', async () => {
    await page.goto(`${base}/console/residents/${holder.id}/cards/${cardId}/pin`);
    for (const d of '123456') await page.click(`[data-key="${d}"]`);
    await page.waitForFunction(() => document.querySelector('.prompt')?.textContent === '请再输入一次');
    for (const d of '123456') await page.click(`[data-key="${d}"]`);
    await page.waitForURL(/error=card_pin_weak/);
    expect(await page.textContent('[data-error=card_pin_weak]')).toContain('容易被猜到');
    await chineseOnly();
  });

  it('reports the card lost and reissues it from the page', async () => {
    await page.goto(`${base}/console/residents/${holder.id}`);
    // The card's use, as the coordinator reads it.
    expect(await page.locator('[data-table=card-uses] tr[data-outcome=accepted]').count()).toBe(1);
    expect(await page.textContent('[data-table=card-uses]')).toContain('联网，输了密码');
    await page.click(`[data-card="${cardId}"] form[action$="/lost"] button`);
    await page.waitForURL(/card=lost/);
    expect(await page.locator(`[data-card="${cardId}"][data-status=lost]`).count()).toBe(1);
    await page.click('button[data-issue-card]');
    await page.waitForURL(/card=issued/);
    const list = await cardsOf();
    expect(list.map((c) => c.status)).toEqual(['active', 'lost']);
    await chineseOnly();
    await shot('resident-1280');
  });

  it('the month’s card report: by shop online and offline, and the cards to watch', async () => {
    // Five wrong PINs lock the new card at the shop; the report lists it beside the lost one.
    const fresh = (await cardsOf()).find((c) => c.status === 'active')!;
    await api.call('PUT', `/v1/cards/${fresh.id}/pin`, { token: coordinator, body: { pin: '470913' } });
    for (let i = 0; i < 5; i++) {
      await api.call('POST', '/v1/merchant/card-captures', {
        token: device.token,
        body: { id: randomUUID(), card: fresh.number, pin: '111111', points: 10 },
      });
    }
    await page.goto(`${base}/console/residents`);
    await page.click('a[href="/console/residents/cards/report"]');
    await page.waitForURL(/\/cards\/report/);
    const shop = page.locator('[data-table=card-report] tr[data-merchant]');
    expect(await shop.count()).toBe(1);
    expect(await shop.locator('td').first().textContent()).toBe('兴隆超市');
    expect(await shop.locator('[data-online]').textContent()).toBe('1 笔，50 积分');
    expect(await shop.locator('[data-offline]').textContent()).toBe('0 笔，0 积分');
    expect(await page.getAttribute(`[data-table=card-watch] tr[data-card="${cardId}"]`, 'data-locked')).toBe(
      'false',
    );
    expect(await page.textContent(`[data-table=card-watch] tr[data-card="${cardId}"]`)).toContain('挂失');
    expect(await page.textContent(`[data-table=card-watch] tr[data-card="${fresh.id}"]`)).toContain('锁定');
    await chineseOnly();
    expect(await misfits(page)).toEqual([]);
    await shot('report-1280');
    // The month before, with no use, says so.
    await page.click('[data-months] a:first-child');
    expect(new URL(page.url()).searchParams.get('month')).toMatch(/^\d{4}-\d{2}$/);
    expect(await page.textContent('[data-empty=shops]')).toContain('还没有人用积分卡');
    // A month that is not one is refused in words, not a 500.
    const bad = await page.goto(`${base}/console/residents/cards/report?month=2020-13`);
    expect(bad!.status()).toBeLessThan(500);
    await chineseOnly();
  });
});
