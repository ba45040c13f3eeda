/**
 * The earning loop end to end, in headless Chromium against the real API on a real database
 * (issue #15's first "done when"): a resident at 360 × 800 files a claim with a photo while
 * offline; back online the claim arrives; a reviewer approves it in the console at 1280 × 800;
 * the resident's balance rises and the history says what for; the resident spends at the barber
 * (the barber's phone captures the code read off the screen); the month is closed in the console
 * and the barber's statement holds that capture. Then four eyes as reviewers see them in the
 * console: a 120-point claim approved once waits, in words, for a second reviewer (first, while
 * everyone's sign-in is fresh: the journey ends a month later).
 * Screenshots: test-results/screenshots/journey-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { keyIndexFromJwks } from '../../shared/jwks.ts';
import { verifyVoucher } from '../../shared/voucher.ts';
import { ADMIN } from '../helpers/api.ts';
import {
  decodeQrFromPng,
  ensureAppBuild,
  launchBrowser,
  newPhoneContext,
  screenshotPath,
} from '../helpers/browser.ts';
import { cameraPhoto } from '../helpers/photos.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import { enrollMerchantDevice, type ResidentWorld, startResidentWorld } from '../resident-pwa/world.ts';

const REVIEWERS = [
  { name: '审核员甲', email: 'jia@test.cn', password: 'reviewer jia password' },
  { name: '审核员乙', email: 'yi@test.cn', password: 'reviewer yi password' },
];
/** Text as read: the apps hold a number to its unit with a no-break space. */
const plain = (text: string | null): string => (text ?? '').replace(/\u00a0/g, ' ').trim();

describe('earning points, from the phone to the month statement', () => {
  let world: ResidentWorld;
  let browser: Browser;
  let phone: BrowserContext;
  let resident: Page;
  let desk: BrowserContext;
  let console_: Page;
  const residentName = '张秀英';
  let available = 0;

  const call = <T = Record<string, unknown>>(method: string, path: string, token: string, body?: unknown) =>
    world.json<T>(method, path, { token, ...(body === undefined ? {} : { body }) });

  async function signIn(who: { email: string; password: string }) {
    await desk.clearCookies();
    await console_.goto(`${world.baseUrl}/console/login`);
    await console_.fill('input[name=email]', who.email);
    await console_.fill('input[name=password]', who.password);
    await console_.click('main button[type=submit]');
    await console_.waitForURL(`${world.baseUrl}/console/`);
  }

  beforeAll(async () => {
    const dist = ensureAppBuild('resident-pwa');
    world = await startResidentWorld(await createTestDatabase(), dist);
    for (const rule of [
      {
        code: 'journey-patrol',
        titleZh: '参加义务巡逻',
        titleEn: 'Joined a neighbourhood patrol',
        points: 30,
      },
      { code: 'journey-rescue', titleZh: '见义勇为', titleEn: 'Stepped in to help', points: 120 },
    ]) {
      await call('POST', '/v1/rules', world.coordinator, {
        ...rule,
        category: '志愿活动',
        kind: 'fixed',
        evidence: 'required',
        selfClaim: true,
      });
    }
    for (const r of REVIEWERS) {
      await call('POST', '/v1/staff', world.coordinator, { ...r, rights: ['reviewer'] });
    }
    const zhang = world.demo.residents.find((r) => r.name === residentName)!;
    available = zhang.points;

    browser = await launchBrowser();
    phone = await newPhoneContext(browser, { baseURL: world.baseUrl });
    phone.setDefaultTimeout(10_000);
    resident = await phone.newPage();
    await resident.goto('/resident/');
    await resident.fill('#enroll-code', zhang.enrollmentCode);
    await resident.getByRole('button', { name: '确认登记' }).click();
    await resident
      .getByTestId('available')
      .filter({ hasText: String(available) })
      .waitFor();

    desk = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    desk.setDefaultTimeout(10_000);
    console_ = await desk.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  /** Files a claim under `rule` from the phone with one photo; offline if asked. */
  async function fileFromPhone(rule: string, note: string, offline: boolean) {
    await resident.getByRole('button', { name: '首页', exact: true }).click();
    await resident.getByTestId('home-claim').click();
    await resident.locator(`[data-rule=${rule}]`).click();
    if (offline) await phone.setOffline(true);
    await resident
      .getByTestId('photo-camera')
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: cameraPhoto() });
    await resident.locator('[data-testid=thumbs] img').waitFor();
    await resident.fill('#claim-note', note);
    await resident.getByRole('button', { name: '提交申报' }).click();
  }

  it('four eyes in the console: one approval of 120 points waits in words, the same reviewer cannot give the second, another can', async () => {
    const statusOf = async (id: string) => {
      for (const status of ['submitted', 'awaiting_second']) {
        const { claims } = await call<{ claims: { id: string }[] }>(
          'GET',
          `/v1/claims?status=${status}`,
          world.coordinator,
        );
        if (claims.some((c) => c.id === id)) return status;
      }
      return 'decided';
    };
    await fileFromPhone('journey-rescue', '帮邻居扑灭了厨房小火', false);
    await resident.locator('[data-testid=claim][data-status=submitted]').first().waitFor();
    const { claims } = await call<{ claims: { id: string; ruleCode: string }[] }>(
      'GET',
      '/v1/claims?status=submitted',
      world.coordinator,
    );
    const claim = claims.find((c) => c.ruleCode === 'journey-rescue')!;

    await signIn(REVIEWERS[0]!);
    await console_.goto(`${world.baseUrl}/console/review`);
    let card = console_.locator(`[data-claim="${claim.id}"]`);
    expect(plain(await card.textContent())).toContain('需两人审核');
    await card.locator('form.approve button[type=submit]').click();
    await console_.waitForLoadState();
    card = console_.locator(`[data-claim="${claim.id}"]`);
    expect(await card.getAttribute('data-status')).toBe('awaiting_second');
    expect(plain(await card.locator('[data-claim-status]').textContent())).toBe('待第二位审核人');
    expect(plain(await card.locator('[data-first-reviewer]').textContent())).toContain('审核员甲 已通过初审');
    await console_.screenshot({ path: screenshotPath('journey-6-four-eyes'), fullPage: true });
    expect(await statusOf(claim.id)).toBe('awaiting_second');

    // The same reviewer again: refused in words, and the claim still waits.
    await console_.locator(`[data-claim="${claim.id}"] form.approve button[type=submit]`).click();
    await console_.waitForLoadState();
    expect(plain(await console_.locator('[role=alert]').first().textContent())).toContain(
      '同一个人不能审两次',
    );
    expect(await statusOf(claim.id)).toBe('awaiting_second');

    await signIn(REVIEWERS[1]!);
    await console_.goto(`${world.baseUrl}/console/review`);
    await console_.locator(`[data-claim="${claim.id}"] form.approve button[type=submit]`).click();
    await console_.waitForLoadState();
    expect(await console_.locator(`[data-claim="${claim.id}"]`).count()).toBe(0);
    expect(await statusOf(claim.id)).toBe('decided');

    await resident.getByRole('button', { name: '首页', exact: true }).click();
    await resident
      .getByTestId('available')
      .filter({ hasText: String(available + 120) })
      .waitFor();
    available += 120;
  });

  it('a claim filed offline is approved in the console, spent at the barber, and shows in the month statement', async () => {
    await fileFromPhone('journey-patrol', '晚上和邻居一起巡逻两小时', true);
    await resident.getByText('没有网络。申报已保存在手机里，联网后会自动发送。').waitFor();
    await resident.screenshot({ path: screenshotPath('journey-1-offline') });
    const waiting = () =>
      call<{ claims: { id: string; residentName: string }[] }>(
        'GET',
        '/v1/claims?status=submitted',
        world.coordinator,
      );
    expect((await waiting()).claims).toEqual([]);

    await phone.setOffline(false);
    await resident.locator('[data-testid=claim][data-status=submitted]').waitFor({ timeout: 15_000 });
    const [claim] = (await waiting()).claims;
    expect(claim?.residentName).toBe(residentName);

    // The reviewer, at a desk: the queue shows the claim with its photo; one click approves it.
    await signIn(REVIEWERS[0]!);
    await console_.goto(`${world.baseUrl}/console/review`);
    const card = console_.locator(`[data-claim="${claim!.id}"]`);
    await card.locator('img').first().waitFor();
    expect(
      await card
        .locator('img')
        .first()
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBe(1600);
    expect(plain(await card.textContent())).toContain('参加义务巡逻');
    await console_.screenshot({ path: screenshotPath('journey-2-review-queue') });
    await card.locator('form.approve button[type=submit]').click();
    await console_.waitForLoadState();
    expect(await console_.locator(`[data-claim="${claim!.id}"]`).count()).toBe(0);

    // The phone: the claim says approved, the balance has risen, the history says what for.
    await resident.getByRole('button', { name: '申报', exact: true }).click();
    await resident.locator(`[data-claim-id="${claim!.id}"][data-status=approved]`).waitFor();
    expect(
      plain(
        await resident.locator(`[data-claim-id="${claim!.id}"] [data-testid=claim-status]`).textContent(),
      ),
    ).toBe('已通过 +30 积分');
    await resident.getByRole('button', { name: '首页', exact: true }).click();
    available += 30;
    await resident
      .getByTestId('available')
      .filter({ hasText: String(available) })
      .waitFor();
    expect(plain(await resident.getByTestId('history').locator('li .what').first().textContent())).toBe(
      '+30 积分 参加义务巡逻',
    );
    await resident.screenshot({ path: screenshotPath('journey-3-home-after-approval') });

    // At the barber: the code on the screen, read by the shop's phone, captured for a haircut.
    await resident.getByTestId('show-code').click();
    await resident.locator('canvas[data-voucher-id]').waitFor();
    const text = decodeQrFromPng(await resident.screenshot({ path: screenshotPath('journey-4-code') }));
    const jwks = await world.json('GET', '/.well-known/jwks.json');
    const shown = verifyVoucher(text!, {
      keys: keyIndexFromJwks(jwks),
      primitive: ed25519Noble,
      now: Math.floor(world.clock.now().getTime() / 1000),
    });
    expect(shown.ok).toBe(true);
    const barber = world.demo.merchants.find((m) => m.name === '叶子发艺')!;
    const device = await enrollMerchantDevice(world, barber.id);
    expect(
      await device.capture(text!, 50, { code: 'haircut-5', billFen: 3500, discountFen: 500 }),
    ).toMatchObject({
      outcome: 'accepted',
      points: 50,
    });
    available -= 50;
    await resident
      .getByTestId('code-used')
      .getByText(`已使用 50 积分 · 叶子发艺 · 剩余 ${available}`)
      .waitFor();

    // The month ends; the coordinator closes it and opens the barber's statement.
    const now = world.clock.now();
    const shanghai = new Date(now.getTime() + 8 * 3_600_000);
    const month = `${shanghai.getUTCFullYear()}-${String(shanghai.getUTCMonth() + 1).padStart(2, '0')}`;
    world.clock.advance(
      Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() + 1, 2, 2) - now.getTime(),
    );
    await signIn(ADMIN);
    await console_.goto(`${world.baseUrl}/console/settlement`);
    expect(await console_.inputValue('#month')).toBe(month);
    await console_.click('form[action="/console/settlement/close"] button[type=submit]');
    await console_.click('form[action="/console/settlement/close"] button[type=submit]');
    await console_.waitForURL(/\/console\/settlement\/[0-9a-f-]{36}$/);
    await console_.locator('a[href*="/statements/"]', { hasText: '叶子发艺' }).click();
    await console_.waitForURL(/\/statements\/[0-9a-f-]{36}$/);
    const captures = console_.locator('tr[data-kind="capture"]');
    expect(await captures.count()).toBe(1);
    expect(plain(await captures.first().textContent())).toContain('理发立减 5 元');
    expect(await console_.getAttribute('[data-net-points]', 'data-net-points')).toBe('50');
    await console_.screenshot({ path: screenshotPath('journey-5-statement'), fullPage: true });
  });
});
