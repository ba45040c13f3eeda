/**
 * The 兴隆 loop (报名 — 服务 — 积分) in headless Chromium against the real API on a real database
 * (issue #17's first "done when"): an organizer publishes a two-hour activity at 10 points an hour
 * from the console on a phone; three residents sign up in the resident app at 360 × 800; two open
 * the rotating QR's URL read off the organizer's screen — one of them with a URL over two minutes
 * old, refused in words — and one is ticked by hand; check-out; the organizer closes the activity;
 * the claims are approved in the console; each attendee has 20 points more, the absentee none.
 * Screenshots: test-results/screenshots/xinglong-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeQrFromPng,
  ensureAppBuild,
  launchBrowser,
  newPhoneContext,
  screenshotPath,
} from '../helpers/browser.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import { latinWords } from '../helpers/zh-sweep.ts';
import { type ResidentWorld, startResidentWorld } from '../resident-pwa/world.ts';

const ORGANIZER = { name: '活动组织者', email: 'org@test.cn', password: 'organizer password 1' };
const MINUTE = 60_000;
/** Text as read: the apps hold a number to its unit with a no-break space. */
const plain = (text: string | null): string => (text ?? '').replace(/\u00a0/g, ' ').trim();

/** The next 08:50 in Asia/Shanghai (00:50 UTC) at least an hour away. */
function nextMorning(now: number): number {
  const d = new Date(now);
  let at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 0, 50);
  while (at < now + 60 * MINUTE) at += 24 * 60 * MINUTE;
  return at;
}

describe('the 兴隆 loop: sign up, serve, earn', () => {
  let world: ResidentWorld;
  let browser: Browser;
  let organizerPhone: BrowserContext;
  let organizer: Page;
  const residents: { name: string; points: number; context: BrowserContext; page: Page; id: string }[] = [];
  let activityUrl = '';
  let day = '';

  /** Moves the server's clock to `at` (ms since the epoch). */
  const moveTo = (at: number) => world.clock.advance(at - world.clock.now().getTime());

  /** The URL the organizer's QR holds now, read off the screen like a camera would. */
  async function readQr(direction: 'in' | 'out'): Promise<string> {
    await organizer.goto(`${activityUrl}/qr?direction=${direction}`);
    const img = organizer.locator('#checkin-qr');
    await img.waitFor();
    await organizer.waitForFunction(() => {
      const i = document.getElementById('checkin-qr') as HTMLImageElement | null;
      return !!i && i.complete && i.naturalWidth > 0;
    });
    const text = decodeQrFromPng(await img.screenshot());
    expect(text, 'the QR decodes').toBeTruthy();
    return text!;
  }

  beforeAll(async () => {
    const dist = ensureAppBuild('resident-pwa');
    world = await startResidentWorld(await createTestDatabase(), dist);
    await world.json('POST', '/v1/rules', {
      token: world.coordinator,
      body: {
        code: 'xinglong-volunteer',
        category: '志愿活动',
        titleZh: '清洁家园志愿服务',
        titleEn: 'Clean-up volunteering',
        kind: 'per_hour',
        pointsPerHour: 10,
        evidence: 'none',
        selfClaim: false,
      },
    });
    await world.json('POST', '/v1/staff', {
      token: world.coordinator,
      body: { ...ORGANIZER, rights: ['organizer'] },
    });
    const start = nextMorning(world.clock.now().getTime());
    moveTo(start);
    day = new Date(start + 8 * 60 * MINUTE).toISOString().slice(0, 10);

    browser = await launchBrowser();
    organizerPhone = await newPhoneContext(browser, { baseURL: world.baseUrl });
    organizerPhone.setDefaultTimeout(15_000);
    organizer = await organizerPhone.newPage();
    await organizer.goto('/console/login');
    await organizer.fill('input[name=email]', ORGANIZER.email);
    await organizer.fill('input[name=password]', ORGANIZER.password);
    await organizer.click('main button[type=submit]');
    await organizer.waitForURL(/\/console\//);

    // Three residents of three accounts (李建国 shares the 李家 account; 王芳 stays home).
    for (const name of ['张秀英', '李建国', '陈晓明']) {
      const r = world.demo.residents.find((x) => x.name === name)!;
      const context = await newPhoneContext(browser, { baseURL: world.baseUrl });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      await page.goto('/resident/');
      await page.fill('#enroll-code', r.enrollmentCode);
      await page.getByRole('button', { name: '确认登记' }).click();
      const shown = page.getByTestId('available');
      await shown.filter({ hasText: /\d/ }).waitFor();
      const points = Number(plain(await shown.textContent()).replace(/\D/g, ''));
      residents.push({ name: r.name, points, context, page, id: r.id });
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('the organizer publishes a two-hour activity at 10 points an hour from the phone', async () => {
    await organizer.goto('/console/activities');
    await organizer.fill('#title', '清洁家园');
    await organizer.selectOption('#ruleCode', 'xinglong-volunteer');
    await organizer.fill('#place', '兴隆村文化广场');
    await organizer.fill('#day', day);
    await organizer.fill('#starts', '09:00');
    await organizer.fill('#ends', '11:00');
    await organizer.fill('#capacity', '10');
    await organizer.fill('#team', '环境整治队');
    await organizer.locator('form[data-form=publish] button[type=submit]').click();
    await organizer.waitForURL(/\/console\/activities\/[0-9a-f-]{36}\?published=1/);
    activityUrl = organizer.url().replace(/\?.*$/, '');
    expect(plain(await organizer.locator('dl.facts').textContent())).toContain(`${day} 09:00–11:00`);
    await organizer.screenshot({ path: screenshotPath('xinglong-1-published'), fullPage: true });
  });

  it('three residents sign up in the app at 360 × 800', async () => {
    for (const r of residents) {
      const { page } = r;
      await page.getByTestId('home-activities').click();
      const item = page.getByTestId('activity').filter({ hasText: '清洁家园' });
      await item.getByTestId('sign-up').click();
      await item.locator('[data-testid=my-status]').filter({ hasText: '已报名' }).waitFor();
    }
    await residents[0]!.page.screenshot({ path: screenshotPath('xinglong-2-signed-up') });
    await organizer.goto(activityUrl);
    expect(await organizer.locator('[data-list=signups] li[data-state=signed_up]').count()).toBe(3);
  });

  it('two open the QR URL (one over two minutes old: refused in words), one is ticked by hand', async () => {
    const [a, b, c] = residents as [(typeof residents)[0], (typeof residents)[0], (typeof residents)[0]];
    moveTo(world.clock.now().getTime() + 12 * MINUTE); // 09:02
    const old = await readQr('in');
    expect(old).toMatch(/\/resident\/#\/checkin\/[0-9a-f-]{36}\/i\d+\.[A-Za-z0-9_-]{22}$/);
    await organizer.screenshot({ path: screenshotPath('xinglong-3-checkin-qr') });
    expect(latinWords(await organizer.locator('main').innerText())).toEqual([]);

    moveTo(world.clock.now().getTime() + 2.5 * MINUTE); // the photo of the code is now too old
    await b.page.goto(old);
    const refused = b.page.getByTestId('checkin-result');
    await refused.waitFor();
    expect(plain(await refused.textContent())).toContain('过期');
    await b.page.screenshot({ path: screenshotPath('xinglong-4-old-code-refused') });

    const fresh = await readQr('in');
    expect(fresh).not.toBe(old);
    await a.page.goto(fresh);
    await a.page.getByTestId('checkin-result').filter({ hasText: '签到成功' }).waitFor();
    await a.page.screenshot({ path: screenshotPath('xinglong-5-checked-in') });

    await organizer.goto(activityUrl);
    await organizer.locator(`li[data-resident="${c.id}"] button[data-tick=in]`).click();
    await organizer.locator(`li[data-resident="${c.id}"] button[data-tick=out]`).waitFor();
    await organizer.screenshot({ path: screenshotPath('xinglong-6-list'), fullPage: true });
  });

  it('check-out at the end, the organizer closes, the claims are approved: 20 points each, none for the absentee', async () => {
    const [a, b, c] = residents as [(typeof residents)[0], (typeof residents)[0], (typeof residents)[0]];
    moveTo(world.clock.now().getTime() + 115 * MINUTE); // 10:59:30
    const out = await readQr('out');
    await a.page.goto(out);
    await a.page.getByTestId('checkin-result').filter({ hasText: '签退成功' }).waitFor();

    moveTo(world.clock.now().getTime() + 5 * MINUTE);
    await organizer.goto(activityUrl);
    for (const r of [a, c]) expect(await organizer.inputValue(`input[name="hours:${r.id}"]`)).toBe('2');
    expect(await organizer.locator(`input[name="hours:${b.id}"]`).count()).toBe(0);
    await organizer.locator('form[data-form=close] button[type=submit]').click();
    await organizer.locator('[data-closed]').filter({ hasText: '提交了 2 份积分申报' }).waitFor();
    expect(plain(await organizer.locator('[data-closed]').textContent())).toContain('到场率 67%');
    await organizer.screenshot({ path: screenshotPath('xinglong-7-closed'), fullPage: true });

    // The coordinator, at a desk, approves both in one go (the organizer filed them).
    const desk = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      baseURL: world.baseUrl,
    });
    const review = await desk.newPage();
    await review.goto('/console/login');
    await review.fill('input[name=email]', 'coordinator@test.cn');
    await review.fill('input[name=password]', 'correct horse battery');
    await review.click('main button[type=submit]');
    await review.waitForURL(/\/console\//);
    await review.goto('/console/review');
    const boxes = review.locator('input[type=checkbox][name=ids]');
    expect(await boxes.count()).toBe(2);
    for (let i = 0; i < 2; i++) await boxes.nth(i).check();
    await review.locator('form#bulk button[type=submit]').click();
    await review.waitForLoadState();
    await desk.close();

    for (const [r, more] of [
      [a, 20],
      [b, 0],
      [c, 20],
    ] as const) {
      await r.page.goto('/resident/');
      await r.page
        .getByTestId('available')
        .filter({ hasText: String(r.points + more) })
        .waitFor();
    }
    // Nothing is left waiting for review.
    const { accessToken } = await world.json<{ accessToken: string }>('POST', '/v1/auth/login', {
      body: { email: 'coordinator@test.cn', password: 'correct horse battery' },
    });
    const waiting = await world.json<{ claims: unknown[] }>('GET', '/v1/claims', { token: accessToken });
    expect(waiting.claims).toEqual([]);
  });
});
