import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { launchBrowser, screenshotPath } from '../helpers/browser.ts';
import { enrollDevice } from '../helpers/world.ts';

/**
 * The coordinator's month in headless Chromium at 1280×800: sign in, create a merchant and a
 * resident, a CSV grant import refused for one bad line and then applied, close October, open
 * a statement and print it. Screenshots go to test-results/screenshots/console-*.png.
 */
describe('console in a browser', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let base = '';
  let server: ReturnType<typeof serve>;
  let residentToken = '';
  let statementUrl = '';
  let merchantId = '';
  const residentPhone = '13912340001';

  const shot = (name: string, fullPage = true) =>
    page.screenshot({ path: screenshotPath(`console-${name}`), fullPage });
  const balance = async () =>
    (await (await api.call('GET', '/v1/me', { token: residentToken })).json()).balance as number;

  async function signIn() {
    await page.goto(`${base}/console/login`);
    await page.fill('input[name=email]', ADMIN.email);
    await page.fill('input[name=password]', ADMIN.password);
    await page.click('main button[type=submit]');
    await page.waitForURL(`${base}/console/`);
  }

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-10-20T02:00:00Z' });
    server = serve({ hostname: '127.0.0.1', port: 0, fetch: api.app.fetch });
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    page = await context.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await api?.close();
  });

  it('signs in and shows the dashboard', async () => {
    await signIn();
    expect(await page.textContent('h1')).toBe('概览');
    expect(await page.locator('svg rect').count()).toBe(60);
    await shot('dashboard');
  });

  it('creates a merchant and a resident; the resident enrolls with the printed code', async () => {
    await page.click('header a[href="/console/merchants"]');
    await page.fill('#name', '叶子发艺');
    await page.fill('#address', '文明街 12 号');
    await page.click('form[action="/console/merchants"] button[type=submit]');
    await page.waitForURL(/\/console\/merchants\/[0-9a-f-]{36}$/);
    merchantId = page.url().split('/').at(-1)!;
    expect(await page.textContent('h1')).toContain('叶子发艺');
    await shot('merchant');

    await page.click('header a[href="/console/residents"]');
    await page.fill('#name', '王桂兰');
    await page.fill('#phone', residentPhone);
    await page.click('form[action="/console/residents"] button[type=submit]');
    const slip = await page.textContent('body');
    const code = /\d{4}-\d{4}-\d{4}/.exec(slip ?? '')?.[0];
    expect(code).toBeDefined();
    expect(await page.locator('svg').count()).toBeGreaterThan(0); // the QR
    await shot('resident-slip');
    const enrolled = await api.call('POST', '/v1/enroll/resident', { body: { code } });
    expect(enrolled.status).toBe(200);
    residentToken = (await enrolled.json()).accessToken;
    expect(await balance()).toBe(0);
  });

  it('a grant file with a bad line is refused whole; the corrected file is applied once', async () => {
    const upload = async (csv: string) => {
      await page.goto(`${base}/console/residents/grants`);
      await page.setInputFiles('#file', {
        name: 'grants.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      await page.click('form button[type=submit] >> text=预览');
    };
    await upload(`电话,积分,原因\n${residentPhone},120,志愿服务\n13900000000,abc,巡逻\n`);
    expect(await page.locator('tr.problem').count()).toBe(1); // one row per bad line, naming every problem
    const problems = await page.locator('tr.problem').allTextContents();
    expect(problems[0]).toContain('找不到居民 13900000000');
    expect(problems[0]).toContain('积分必须是整数');
    expect(await page.locator('form[action="/console/residents/grants/apply"]').count()).toBe(0);
    await shot('grants-refused');
    expect(await balance()).toBe(0);

    await upload(`电话,积分,原因\n${residentPhone},120,志愿服务\n${residentPhone},30,门前三包\n`);
    await shot('grants-preview');
    await page.click('form[action="/console/residents/grants/apply"] button');
    await page.waitForLoadState();
    await shot('grants-applied');
    expect(await balance()).toBe(150);
  });

  it('closes October after a confirm page and opens the statement, on screen and printed', async () => {
    const coordinator = await api.login();
    const device = await enrollDevice(api, coordinator, merchantId);
    for (const sale of [
      { points: 50, billFen: 3500, discountFen: 500 },
      { points: 40, billFen: 2800, discountFen: 400 },
    ]) {
      const voucher = await (
        await api.call('POST', '/v1/vouchers', { token: residentToken, body: {} })
      ).json();
      const res = await api.call('POST', '/v1/redemptions', {
        token: device.token,
        body: device.sign({ voucher: voucher.text, ...sale }),
      });
      expect((await res.json()).outcome).toBe('accepted');
    }
    api.clock.set('2026-11-02T01:00:00Z'); // 09:00 on 2 November in Shanghai
    await signIn(); // the session's tokens expired with the jump in time

    await page.click('header a[href="/console/settlement"]');
    // The picker offers only months that have ended, last month first.
    expect(await page.inputValue('#month')).toBe('2026-10');
    expect(await page.locator('#month option[value="2026-11"]').count()).toBe(0);
    await page.click('form[action="/console/settlement/close"] button[type=submit]');
    expect(await page.textContent('main')).toContain('2026年10月');
    await shot('close-confirm');
    await page.click('form[action="/console/settlement/close"] button[type=submit]');
    await page.waitForURL(/\/console\/settlement\/[0-9a-f-]{36}$/);
    await shot('period');

    await page.click('a[href*="/statements/"]');
    await page.waitForURL(/\/statements\/[0-9a-f-]{36}$/);
    statementUrl = page.url();
    expect(await page.getAttribute('[data-net-points]', 'data-net-points')).toBe('90');
    expect(await page.getAttribute('[data-bill]', 'data-bill')).toBe('6300');
    expect(await page.locator('tr[data-kind="capture"]').count()).toBe(2);
    expect(await page.textContent('body')).toContain('商户签字');
    expect(await page.textContent('body')).not.toContain('Merchant signature');
    await shot('statement', false);

    // Printed: no navigation or buttons on the paper, the signature line still there.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').isVisible()).toBe(false);
    expect(await page.locator('.no-print').first().isVisible()).toBe(false);
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await shot('statement-print');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("sets who funds the discounts, asks before revoking a device, and lists a resident's phones", async () => {
    await page.goto(`${base}/console/merchants/${merchantId}`);
    await page.check('input[name=rule][value=per_point]');
    await page.fill('#fenPerPoint', '10');
    await page.click('form[action$="/funding"] button[type=submit]');
    await page.waitForURL(new RegExp(`/console/merchants/${merchantId}$`));
    expect(await page.textContent('[data-funding="per_point"]')).toContain('10 分/积分');
    await shot('merchant-funding');

    await page.click('a[href*="/devices/"][href$="/revoke"]');
    expect(await page.textContent('h1')).toMatch(/停用叶子发艺的设备「.+」？/);
    await shot('revoke-device', false);
    await page.click('a >> text=返回');

    await page.click('header a[href="/console/residents"]');
    await shot('residents');
    await page.click('a >> text=王桂兰');
    expect(await page.textContent('main')).toContain('手机 1');
    await shot('resident');
    await page.click('header a[href="/console/audit"]');
    await shot('audit');
    await page.click('header a[href="/console/"]');
    await shot('dashboard-after');
  });

  it('switches to English', async () => {
    await page.goto(statementUrl);
    await page.click('header a[href="?lang=en"]');
    expect(await page.textContent('header')).toContain('Settlement');
    expect(await page.textContent('body')).toContain('Statement');
    await shot('statement-en', false);
  });
});
