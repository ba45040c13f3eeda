import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScreenLinkView } from '../../shared/api/screen.ts';
import { photo, upload } from '../console/earning-world.ts';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { decodeQrFromPng, launchBrowser, misfits, screenshotPath } from '../helpers/browser.ts';
import { createMerchant, createResident } from '../helpers/world.ts';
import { buildScreenWorld, local } from './world.ts';

/**
 * The public screen in headless Chromium at 1920 × 1080, as on the service centre's television:
 * it opens from its link, turns its panels by itself (the first turn in real time, the rest on
 * the page's fake clock), keeps showing the last data with its time when the network drops (also
 * after a restart, from what it stored), and shows nothing but 此公示屏链接已停用 once the link is
 * revoked. Screenshots of each panel go to test-results/screenshots/screen-<panel>.png; the
 * console's 公示屏 page at 1280 and 360 wide to console-screens-*.png.
 */
describe('the public screen in a browser', () => {
  let api: TestApi;
  let browser: Browser;
  let tv: BrowserContext;
  let server: ReturnType<typeof serve>;
  let base = '';
  let link: ScreenLinkView;

  const PANELS = ['today', 'month', 'deeds', 'activities', 'points', 'merchants'] as const;
  const panelOf = (page: Page) => page.locator('[data-panel]').getAttribute('data-panel');
  const statusOf = (page: Page) => page.locator('#screen-status');
  /** The text as the television shows it. */
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, not hidden text, on purpose
  const shown = (locator: Locator) => locator.innerText();

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-03T02:00:00Z' });
    await buildScreenWorld(api);
    // More people, deeds and shops, so the panels look as they will in a town.
    api.clock.set(local('2026-11-20 10:30'));
    const coordinator = await api.login();
    const names = ['刘德华', '陈晓明', '杨丽萍', '赵国庆', '孙悦', '周海燕', '吴建国', '郑秀芬'];
    for (const [i, name] of names.entries()) {
      const resident = await createResident(api, coordinator, name, 150 - i * 15);
      if (i < 4) {
        const evidenceId = await upload(api, resident.token, photo(20 + i * 40));
        const claim = await api.call('POST', '/v1/claims', {
          token: resident.token,
          body: { ruleCode: 'patrol', occurredOn: '2026-11-19', evidenceIds: [evidenceId], public: true },
          headers: { 'idempotency-key': `browser-claim-${i}` },
        });
        expect(claim.status).toBe(201);
        const reviewer = await api.login('rev@test.cn', 'staff password 1');
        const decided = await api.call('POST', `/v1/claims/${(await claim.json()).id}/decisions`, {
          token: reviewer,
          body: { decision: 'approve' },
        });
        expect(decided.status).toBe(200);
      }
    }
    for (const [name, address] of [
      ['便民超市', '窑子上村委会东侧 20 米'],
      ['老张理发', '幸福路 12 号'],
      ['兴隆药房', '兴隆村卫生室旁'],
    ] as const) {
      const m = await createMerchant(api, coordinator, name);
      await api.call('PATCH', `/v1/merchants/${m.id}`, { token: coordinator, body: { address } });
    }
    const made = await api.call('POST', '/v1/screens', {
      token: coordinator,
      body: { name: '服务中心大厅' },
    });
    link = ScreenLinkView.parse(await made.json());

    server = serve({ hostname: '127.0.0.1', port: 0, fetch: api.app.fetch });
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    tv = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await api?.close();
  });

  const screenUrl = () => `${base}/screen/#${link.token}`;

  it('opens from its link and turns to the next panel by itself within 15 seconds', async () => {
    const page = await tv.newPage();
    await page.goto(screenUrl());
    await page.waitForSelector('[data-panel="today"] .rank li');
    expect(await page.locator('[data-panel="today"] .rank li').count()).toBe(10);
    expect(await shown(page.locator('[data-panel="today"] .rank li').first())).toMatch(/^1\s+钱\*多\s+200/);
    expect(await statusOf(page).getAttribute('data-state')).toBe('live');
    await page.waitForSelector('[data-panel="month"]', { timeout: 20_000 });
    expect(await shown(page.locator('[data-panel="month"] h2'))).toContain('本月前十');
    await page.close();
  }, 40_000);

  it('shows every panel in large Chinese type that fits the screen', async () => {
    const page = await tv.newPage();
    await page.clock.install();
    await page.goto(screenUrl());
    await page.waitForSelector('[data-panel="today"] .rank li');
    const seen: string[] = [];
    for (let turn = 0; turn < 10 && seen.length < PANELS.length; turn++) {
      const panel = (await panelOf(page))!;
      if (!seen.includes(panel)) {
        seen.push(panel);
        if (panel === 'deeds') {
          await page.waitForFunction(() =>
            [...document.images].some((i) => i.complete && i.naturalWidth > 0),
          );
        }
        await page.screenshot({ path: screenshotPath(`screen-${panel}`) });
        expect(await misfits(page, 1920).then((m) => m.filter((x) => x.startsWith('the page')))).toEqual([]);
        // Nothing on the screen is smaller than 40 px but the footer's panel dots.
        const smallest = await page.evaluate(() =>
          Math.min(
            ...[...document.querySelectorAll('main *, header *, footer .status')]
              .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()))
              .map((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
          ),
        );
        expect(smallest, panel).toBeGreaterThanOrEqual(39.9);
        // Chinese words only: no Latin letter anywhere on the zh screen.
        expect(await shown(page.locator('body')), panel).not.toMatch(/[A-Za-z]/);
      }
      await page.clock.fastForward(15_000);
    }
    expect(seen.sort()).toEqual([...PANELS].sort());
    await page.close();
  }, 60_000);

  it('the panels hold what the API answered', async () => {
    const page = await tv.newPage();
    await page.clock.install();
    await page.goto(screenUrl());
    await page.waitForSelector('[data-panel="today"] .rank li');
    const text: Record<string, string> = {};
    for (let turn = 0; turn < 10; turn++) {
      const panel = (await panelOf(page))!;
      text[panel] = `${text[panel] ?? ''}\n${await shown(page.locator('main'))}`;
      await page.clock.fastForward(15_000);
    }
    expect(text.deeds).toContain('王*兰');
    expect(text.deeds).toContain('刘*华');
    expect(text.activities).toContain('清洁家园');
    expect(text.activities).toContain('余 9 个名额');
    // 390 from the world, 780 granted and 4 × 30 approved here.
    expect(text.points).toMatch(/本月居民获得积分\s+1,290/);
    expect(text.points).toMatch(/本月在联盟商户兑换积分\s+50/);
    expect(text.merchants).toContain('叶子发艺');
    expect(text.merchants).toContain('幸福路 8 号');
    expect(text.month).toContain('张*丰');
    await page.close();
  }, 60_000);

  it('keeps showing the last data with its time when the network drops, also after a restart', async () => {
    const page = await tv.newPage();
    await page.clock.install();
    await page.goto(screenUrl());
    await page.waitForSelector('[data-panel="today"] .rank li');
    expect(await shown(statusOf(page))).toMatch(/^数据更新于 [1-9]\d?月[1-9]\d?日 \d{2}:\d{2}$/);
    const fetchedAt = (await shown(statusOf(page))).replace('数据更新于 ', '');
    await tv.setOffline(true);
    await page.clock.fastForward(60_000);
    await page.waitForSelector('#screen-status[data-state="offline"]');
    expect(await shown(statusOf(page))).toBe(`网络中断，显示的是 ${fetchedAt} 的数据`);
    expect(await page.locator('[data-panel] h2').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('screen-offline') });
    await tv.setOffline(false);

    // A restart while the server cannot be reached: the stored data, with its time.
    const again = await tv.newPage();
    await again.route('**/v1/**', (route) => route.abort('internetdisconnected'));
    await again.goto(screenUrl());
    await again.waitForSelector('#screen-status[data-state="offline"]');
    expect(await shown(statusOf(again))).toBe(`网络中断，显示的是 ${fetchedAt} 的数据`);
    expect(await again.locator('[data-panel="today"] .rank li').count()).toBe(10);
    await again.close();
    await page.close();
  }, 60_000);

  it('a revoked link shows only that it was stopped, and forgets what it kept', async () => {
    const page = await tv.newPage();
    await page.clock.install();
    await page.goto(screenUrl());
    await page.waitForSelector('[data-panel="today"] .rank li');
    expect(await page.evaluate(() => localStorage.getItem('screen-last'))).not.toBeNull();
    const coordinator = await api.login();
    expect((await api.call('POST', `/v1/screens/${link.id}/revoke`, { token: coordinator })).status).toBe(
      200,
    );
    await page.clock.fastForward(60_000);
    await page.waitForSelector('[data-state="stopped"]');
    expect((await shown(page.locator('body'))).trim()).toBe('此公示屏链接已停用');
    expect(await page.evaluate(() => localStorage.getItem('screen-last'))).toBeNull();
    await page.screenshot({ path: screenshotPath('screen-stopped') });
    // Opened afresh, the same: nothing but the words.
    const again = await tv.newPage();
    await again.goto(screenUrl());
    await again.waitForSelector('[data-state="stopped"]');
    expect((await shown(again.locator('body'))).trim()).toBe('此公示屏链接已停用');
    await again.close();
    await page.close();
  }, 40_000);

  it('the console’s 公示屏 page fits 1280 and 360 wide, and its QR opens the link', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    await page.goto(`${base}/console/login`);
    await page.fill('input[name=email]', ADMIN.email);
    await page.fill('input[name=password]', ADMIN.password);
    await page.click('main button[type=submit]');
    await page.waitForURL(`${base}/console/`);
    await page.click('header a[href="/console/screens"]');
    await page.fill('#name', '二楼活动室');
    await page.fill('#community', '窑子上');
    await page.click('form[data-form="new-screen"] button[type=submit]');
    await page.waitForSelector('p.ok');
    const card = page.locator('[data-screen-link]').first();
    const url = await card.locator('[data-screen-url]').getAttribute('data-screen-url');
    expect(url).toMatch(new RegExp(`^${base}/screen/#[A-Za-z0-9_-]{43}$`));
    expect(decodeQrFromPng(await card.locator('svg').screenshot())).toBe(url);
    expect(await misfits(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-screens-1280'), fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await misfits(page, 360)).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-screens-360'), fullPage: true });
    await context.close();
  }, 60_000);
});
