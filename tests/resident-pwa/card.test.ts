/**
 * 我的积分卡 in the resident app (issue #19), in headless Chromium at 360×800 against the real
 * API: a resident who also has the app sets the card's PIN on the keypad (typed twice, only dots
 * shown; a mismatch starts over), the card then pays at a shop with that PIN, and the resident
 * reports it lost after being asked, which the shop's next capture refuses. Every word on zh-CN
 * is Chinese and the section fits at 240 px. Screenshots: test-results/screenshots/resident-card-*.png.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardCaptureResponse, IssuedCard } from '../../shared/api/cards.ts';
import { toBase64url } from '../../shared/bytes.ts';
import {
  ensureAppBuild,
  launchBrowser,
  misfits,
  newPhoneContext,
  screenshotPath,
} from '../helpers/browser.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import { latinWords, visibleText } from '../helpers/zh-sweep.ts';
import { type ResidentWorld, startResidentWorld } from './world.ts';

describe('my card in the resident app', () => {
  let world: ResidentWorld;
  let browser: Browser;
  let page: Page;
  let card: IssuedCard;
  /** The shop's device token: a card capture needs no signed record. */
  let shopToken = '';

  const shot = (name: string) =>
    page.screenshot({ path: screenshotPath(`resident-card-${name}`), fullPage: true });
  const chineseOnly = async () => expect(latinWords(visibleText(await page.content()))).toEqual([]);
  const typePin = async (pin: string) => {
    for (const d of pin) await page.click(`#card-keypad .pin-key[data-key="${d}"]`);
  };
  const capture = async (pin: string) => {
    const res = await fetch(`${world.baseUrl}/v1/merchant/card-captures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${shopToken}` },
      body: JSON.stringify({ id: randomUUID(), card: card.number, pin, points: 20 }),
    });
    return { status: res.status, body: (await res.json()) as { type?: string } };
  };

  beforeAll(async () => {
    const dist = ensureAppBuild('resident-pwa');
    world = await startResidentWorld(await createTestDatabase(), dist);
    const slip = await world.json<{ enrollmentCode: string }>(
      'POST',
      `/v1/merchants/${world.demo.merchants[0]!.id}/devices`,
      { token: world.coordinator },
    );
    const enrolled = await world.json<{ tokens: { accessToken: string } }>('POST', '/v1/enroll/device', {
      body: { code: slip.enrollmentCode, publicKey: toBase64url(randomBytes(32)), name: '收银台' },
    });
    shopToken = enrolled.tokens.accessToken;
    const resident = await world.json<{ id: string; enrollmentCode: string }>('POST', '/v1/residents', {
      token: world.coordinator,
      body: { name: '赵秀英' },
    });
    const grant = await fetch(`${world.baseUrl}/v1/grants`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${world.coordinator}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ residentId: resident.id, points: 200, reason: '志愿服务' }),
    });
    expect(grant.status).toBe(201);
    card = IssuedCard.parse(
      await world.json('POST', `/v1/residents/${resident.id}/cards`, { token: world.coordinator }),
    );
    browser = await launchBrowser();
    const context = await newPhoneContext(browser, { baseURL: world.baseUrl });
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

  it('sets the PIN on the keypad, typed twice with only dots shown; the card then pays with it', async () => {
    await page.getByRole('button', { name: '设置', exact: true }).click();
    await page.locator('#my-card[data-status="active"]').waitFor();
    expect((await page.textContent('#my-card-number'))!.replace(/\s/g, '')).toBe(card.number);
    expect(await page.textContent('#my-card')).toContain('还没有设密码');
    await page.click('#my-card-pin');
    await typePin('305');
    expect(await page.locator('#card-keypad .pin-dot.full').count()).toBe(3);
    expect(await page.textContent('#card-keypad .pin-dots')).not.toMatch(/\d/);
    await chineseOnly();
    await shot('1-keypad');
    // A second entry that differs starts over, in words.
    await typePin('918');
    await page.locator('#card-prompt', { hasText: '请再输入一次' }).waitFor();
    await typePin('305919');
    await page.locator('#card-pin-problem', { hasText: '两次输入的密码不一样' }).waitFor();
    expect(await page.textContent('#card-prompt')).toBe('请输入 6 位新密码');
    await typePin('305918');
    await page.locator('#card-prompt', { hasText: '请再输入一次' }).waitFor();
    await typePin('305918');
    await page.locator('#my-card-note', { hasText: '密码已设置' }).waitFor();
    expect(await page.textContent('#my-card')).toContain('已设密码');
    await chineseOnly();
    await shot('2-pin-set');
    const paid = await capture('305918');
    expect(paid.status).toBe(200);
    expect(CardCaptureResponse.parse(paid.body)).toMatchObject({ outcome: 'accepted', balance: 180 });
  });

  it('fits at 240 px', async () => {
    await page.setViewportSize({ width: 240, height: 800 });
    await page.click('#my-card-pin');
    await expect.poll(() => misfits(page, 240)).toEqual([]);
    await shot('3-keypad-240');
    await page.click('#card-pin-cancel');
    await page.setViewportSize({ width: 360, height: 800 });
  });

  it('reports the card lost after asking; the shop is then refused', async () => {
    await page.click('#my-card-lost');
    await page.locator('#my-card-lost-ask').waitFor();
    expect(await page.textContent('#my-card-lost-ask')).toContain('确定挂失吗');
    await chineseOnly();
    await shot('4-lost-ask');
    await page.click('#my-card-lost-yes');
    await page.locator('#my-card[data-status="lost"]').waitFor();
    expect(await page.textContent('#my-card-note')).toContain('补办新卡');
    // A lost card offers neither a PIN nor another report.
    expect(await page.locator('#my-card-pin').count()).toBe(0);
    await chineseOnly();
    await shot('5-lost');
    const refused = await capture('305918');
    expect(refused.status).toBe(410);
    expect(refused.body.type).toContain('card_lost');
  });
});
