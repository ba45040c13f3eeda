/**
 * The household's scores in the resident app (issue #16), in headless Chromium at 360 × 800
 * against the real API on a real database: the coordinator sets up three households of 窑子上
 * with door plates and a template, an inspector checks them (twice last month, once this month),
 * the coordinator closes last month. The resident sees 我家评分 — each item 好 / 差 per check, base,
 * bonus, deductions, score, the points and the rank — files one objection (异议处理中), sees the
 * upheld decision with the corrected score and points, sees 月度公示 with the own household
 * marked, the last sheets offline with their age, and after the window no objection button.
 * Every screen is swept for Latin words in zh-CN and fits 240 px with large text in both languages.
 * Screenshots: test-results/screenshots/resident-household-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureAppBuild,
  launchBrowser,
  misfits,
  newPhoneContext,
  screenshotPath,
} from '../helpers/browser.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import { latinWords } from '../helpers/zh-sweep.ts';
import { type ResidentWorld, startResidentWorld } from './world.ts';

/** Text as read: the app holds a number to its unit with a no-break space. */
const plain = (text: string | null): string => (text ?? '').replace(/\u00a0/g, ' ');

const ITEMS = [
  { code: 'clean', title: '包卫生', kept: 1, lost: 0 },
  { code: 'green', title: '包绿化', kept: 1, lost: 0 },
  { code: 'order', title: '包秩序', kept: 1, lost: 0 },
];

/** "YYYY-MM" and "YYYY-MM-DD" in Shanghai. */
const shanghaiDay = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);

function previousMonth(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

describe('the household’s scores in the resident app', () => {
  let world: ResidentWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let inspector: string;
  let templateId: string;
  let ownId: string;
  let lastMonth: string;
  let sheetId: string;
  let seq = 0;

  const call = <T = Record<string, unknown>>(method: string, path: string, token: string, body?: unknown) =>
    world.json<T>(method, path, { token, ...(body === undefined ? {} : { body }) });

  /** A check as the inspector's phone sends it (with its Idempotency-Key). */
  async function check(
    householdId: string,
    marks: Record<string, boolean>,
    checkedOn?: string,
    idea = false,
  ) {
    const res = await fetch(`${world.baseUrl}/v1/inspections`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${inspector}`,
        'idempotency-key': `household-app-check-${++seq}`,
      },
      body: JSON.stringify({
        householdId,
        templateId,
        ...(checkedOn ? { checkedOn } : {}),
        items: [
          ...ITEMS.map((i) => ({ code: i.code, ok: marks[i.code] ?? true })),
          ...(idea ? [{ code: 'idea', ok: true }] : []),
        ],
      }),
    });
    if (res.status !== 201) throw new Error(`check → ${res.status}: ${await res.text()}`);
  }

  const tab = (name: string) => page.getByRole('button', { name, exact: true }).click();

  /** What a zh-CN reader sees on screen, including labels, placeholders and alt text. */
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

  const closedSheet = () => page.locator(`[data-testid=sheet][data-month="${lastMonth}"]`);

  /** Home, then 我家评分: the screen asks the API again on opening. */
  async function openHousehold(home = '首页') {
    await tab(home);
    await page.getByTestId('home-household').click();
    await page.getByTestId('sheets').waitFor();
  }

  beforeAll(async () => {
    const dist = ensureAppBuild('resident-pwa');
    world = await startResidentWorld(await createTestDatabase(), dist);
    const today = shanghaiDay(world.clock.now());
    lastMonth = previousMonth(today);

    const template = await call<{ id: string }>('POST', '/v1/inspection-templates', world.coordinator, {
      name: '门前三包',
      items: ITEMS,
      bonus: { cap: 10, items: [{ code: 'idea', title: '建言献策', points: 2 }] },
      monthRule: 'every_check',
      frequency: 'weekly',
    });
    templateId = template.id;
    await call('POST', '/v1/staff', world.coordinator, {
      name: '督导员',
      email: 'inspector@test.cn',
      password: 'inspector password',
      rights: ['inspector'],
    });
    inspector = (
      await world.json<{ accessToken: string }>('POST', '/v1/auth/login', {
        body: { email: 'inspector@test.cn', password: 'inspector password' },
      })
    ).accessToken;

    const resident = await call<{ id: string }>('POST', '/v1/residents', world.coordinator, {
      name: '赵桂兰',
    });
    const neighbour = await call<{ id: string }>('POST', '/v1/residents', world.coordinator, {
      name: '钱志明',
    });
    const place = (name: string, doorNumber: string, memberIds: string[]) =>
      call<{ id: string }>('POST', '/v1/households', world.coordinator, {
        name,
        doorNumber,
        community: '窑子上',
        grid: '一网格',
        memberIds,
      });
    ownId = (await place('赵家', '窑子上 12号', [resident.id])).id;
    const east = (await place('钱家', '窑子上 3号', [neighbour.id])).id;
    const west = (await place('孙家', '窑子上 7号', [])).id;

    // Last month: 赵家 loses 包卫生 in the second week and did one idea (2 + 2 = 4); 钱家 kept
    // everything and did two ideas (3 + 4 = 7); 孙家 lost two items once (1).
    await check(ownId, {}, `${lastMonth}-05`, true);
    await check(ownId, { clean: false }, `${lastMonth}-19`);
    await check(east, {}, `${lastMonth}-05`, true);
    await check(east, {}, `${lastMonth}-19`, true);
    await check(west, { clean: false, green: false }, `${lastMonth}-12`);
    // This month so far: 赵家 lost 包秩序 today.
    await check(ownId, { order: false });
    const closed = await call('POST', `/v1/scoring/months/${lastMonth}/close`, world.coordinator, {
      communityId: '窑子上',
    });
    expect(closed).toMatchObject({ outcome: 'closed', sheets: 3, points: 120 });

    const slip = await call<{ enrollmentCode: string }>(
      'POST',
      `/v1/residents/${resident.id}/enrollment-code`,
      world.coordinator,
    );
    browser = await launchBrowser();
    context = await newPhoneContext(browser, { baseURL: world.baseUrl });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    await page.goto('/resident/');
    await page.fill('#enroll-code', slip.enrollmentCode);
    await page.getByRole('button', { name: '确认登记' }).click();
    await page.getByTestId('home-household').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('the sheets show every item 好 / 差 per check, the score, the points and the rank in words', async () => {
    await page.screenshot({ path: screenshotPath('resident-household-home') });
    await page.getByTestId('home-household').click();
    const sheets = page.getByTestId('sheet');
    await expect.poll(() => sheets.count()).toBe(2);
    // This month's so far on top, then last month's, closed.
    expect(await sheets.first().getAttribute('data-status')).toBe('open');
    const open = sheets.first();
    expect(plain(await open.textContent())).toContain('本月进行中，月底评定');
    expect(await open.getByTestId('sheet-score').textContent().then(plain)).toBe('2 分');
    expect(await open.getByTestId('sheet-points').textContent().then(plain)).toBe('按目前得分可得 20 积分');
    expect(await open.getByTestId('object').count()).toBe(0);

    const sheet = closedSheet();
    expect(await sheet.getAttribute('data-status')).toBe('closed');
    const [y, m] = lastMonth.split('-').map(Number) as [number, number];
    expect(plain(await sheet.locator('h2').textContent())).toBe(`${y}年${m}月`);
    expect(await sheet.getByTestId('sheet-score').textContent().then(plain)).toBe('4 分');
    expect(await sheet.getByTestId('figures').textContent().then(plain)).toBe(
      '基础分2 分加分+2 分扣分0 分得分4 分',
    );
    expect(await sheet.getByTestId('sheet-points').textContent().then(plain)).toBe('得到 40 积分');
    await expect
      .poll(() => sheet.getByTestId('sheet-rank').textContent().then(plain))
      .toBe('排名：第 2 名（共 3 户）');
    const items = sheet.getByTestId('item');
    expect(await items.count()).toBe(3);
    expect(plain(await items.nth(0).textContent())).toBe(`包卫生差 0 分${m}月5日 好，${m}月19日 差`);
    expect(plain(await items.nth(1).textContent())).toBe(`包绿化好 +1 分${m}月5日 好，${m}月19日 好`);
    expect(plain(await sheet.getByTestId('bonus-items').textContent())).toBe('建言献策 · 1 次+2 分');
    expect(await sheet.getByTestId('objection-until').textContent().then(plain)).toMatch(
      /^可在 \d{1,2}月\d{1,2}日 \d\d:\d\d 前提出异议$/,
    );
    await expectChinese('我家评分');
    await page.screenshot({ path: screenshotPath('resident-household-sheets'), fullPage: true });
  });

  it('an objection is filed once from the app and shows 异议处理中', async () => {
    const sheet = closedSheet();
    await sheet.getByTestId('object').click();
    await sheet.locator('textarea').fill('第三周包卫生已经整改，请复查');
    await expectChinese('异议表');
    await sheet.screenshot({ path: screenshotPath('resident-household-objection-form') });
    await sheet.getByRole('button', { name: '提交异议' }).click();
    await expect
      .poll(() => sheet.getByTestId('objection-state').textContent().then(plain))
      .toBe('异议处理中');
    expect(await sheet.getByTestId('object').count()).toBe(0);
    const queue = await call<{ objections: { id: string; sheetId: string; note: string }[] }>(
      'GET',
      '/v1/sheets/objections',
      world.coordinator,
    );
    expect(queue.objections).toHaveLength(1);
    expect(queue.objections[0]!.note).toBe('第三周包卫生已经整改，请复查');
    sheetId = queue.objections[0]!.sheetId;
    await expectChinese('异议处理中');
    await page.screenshot({ path: screenshotPath('resident-household-objection-open'), fullPage: true });
  });

  it('the coordinator’s decision shows with its reason, the corrected score and the points', async () => {
    const queue = await call<{ objections: { id: string }[] }>(
      'GET',
      '/v1/sheets/objections',
      world.coordinator,
    );
    await call(
      'POST',
      `/v1/sheets/${sheetId}/objections/${queue.objections[0]!.id}/decision`,
      world.coordinator,
      {
        uphold: true,
        score: 6,
        reason: '复查属实，整改到位',
      },
    );
    await openHousehold();
    const sheet = closedSheet();
    await expect
      .poll(() => sheet.getByTestId('objection-state').textContent().then(plain))
      .toBe('异议成立：得分由 4 分改为 6 分');
    expect(await sheet.getByTestId('objection-points').textContent().then(plain)).toBe('补发 20 积分');
    expect(plain(await sheet.getByTestId('objection').textContent())).toContain(
      '处理意见：复查属实，整改到位',
    );
    expect(await sheet.getByTestId('sheet-score').textContent().then(plain)).toBe('6 分');
    expect(await sheet.getByTestId('sheet-points').textContent().then(plain)).toBe('得到 60 积分');
    expect(plain(await sheet.textContent())).toContain('原评定 4 分，已更正');
    await expectChinese('异议成立');
    await page.screenshot({ path: screenshotPath('resident-household-objection-upheld'), fullPage: true });
  });

  it('月度公示 shows the ranking with the own household marked', async () => {
    await tab('首页');
    await page.getByTestId('home-notice').click();
    const rows = page.getByTestId('rank-row');
    await expect.poll(() => rows.count()).toBe(3);
    const [y, m] = lastMonth.split('-').map(Number) as [number, number];
    expect(plain(await page.locator('h1').textContent())).toBe(`${y}年${m}月 评分公示`);
    const texts = (await rows.allInnerTexts()).map((t) => plain(t).replace(/\s+/g, ' ').trim());
    expect(texts).toEqual([
      '第 1 名 7 分 窑子上 3号 钱*',
      '第 2 名 6 分 窑子上 12号 赵* 我家',
      '第 3 名 1 分 窑子上 7号 孙*',
    ]);
    expect(await page.locator('[data-testid=rank-row][data-mine=true]').count()).toBe(1);
    expect(plain(await page.locator('[data-mine=true] .rank-door').textContent())).toBe('窑子上 12号');
    await expectChinese('月度公示');
    await page.screenshot({ path: screenshotPath('resident-household-notice'), fullPage: true });
  });

  it('the sheets and the notice fit 240 px with large text, in Chinese and English', async () => {
    await tab('设置');
    await page.getByRole('switch', { name: /大字/ }).click();
    await page.setViewportSize({ width: 240, height: 533 });
    for (const lang of ['zh', 'en'] as const) {
      if (lang === 'en') {
        await tab('设置');
        await page.getByRole('button', { name: 'English' }).click();
      }
      const home = lang === 'zh' ? '首页' : 'Home';
      await tab(home);
      expect(await misfits(page, 240), `home ${lang}`).toEqual([]);
      await page.screenshot({ path: screenshotPath(`resident-household-home-240-large-${lang}`) });
      await openHousehold(home);
      await closedSheet().getByTestId('object').click();
      expect(await misfits(page, 240), `sheets ${lang}`).toEqual([]);
      if (lang === 'zh') await expectChinese('我家评分 240');
      await page.screenshot({
        path: screenshotPath(`resident-household-sheets-240-large-${lang}`),
        fullPage: true,
      });
      // What the full-page picture shrinks: the closed sheet's top and its objection, as seen.
      await closedSheet().locator('h2').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`resident-household-sheet-240-large-${lang}-top`) });
      await closedSheet().locator('textarea').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`resident-household-sheet-240-large-${lang}-objection`) });
      await page.getByRole('button', { name: lang === 'zh' ? '取消' : 'Cancel' }).click();
      await tab(home);
      await page.getByTestId('home-notice').click();
      await page.getByTestId('ranking').waitFor();
      expect(await misfits(page, 240), `notice ${lang}`).toEqual([]);
      await page.screenshot({
        path: screenshotPath(`resident-household-notice-240-large-${lang}`),
        fullPage: true,
      });
    }
    await tab('Settings');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('switch', { name: /大字/ }).click();
    await page.setViewportSize({ width: 360, height: 800 });
  });

  it('offline, the app opens with the last sheets and the notice and says how old they are', async () => {
    await openHousehold();
    await page.close();
    await context.setOffline(true);
    page = await context.newPage();
    // Ten minutes after the sheets were fetched.
    await page.clock.install({ time: Date.now() + 10 * 60_000 });
    await page.goto('/resident/');
    await page.getByTestId('offline-badge').waitFor();
    await page.getByTestId('home-household').click();
    await expect
      .poll(() => page.getByTestId('freshness').textContent().then(plain))
      .toMatch(/^没有网络，显示的是(10|11) 分钟前的数据$/);
    expect(await closedSheet().getByTestId('sheet-score').textContent().then(plain)).toBe('6 分');
    expect(await closedSheet().getByTestId('sheet-rank').textContent().then(plain)).toBe(
      '排名：第 2 名（共 3 户）',
    );
    await expectChinese('我家评分 离线');
    await page.screenshot({ path: screenshotPath('resident-household-offline') });
    await tab('首页');
    await page.getByTestId('home-notice').click();
    await expect.poll(() => page.getByTestId('rank-row').count()).toBe(3);
    expect(await page.getByTestId('freshness').textContent().then(plain)).toMatch(/^没有网络/);
    await page.screenshot({ path: screenshotPath('resident-household-offline-notice') });
    await context.setOffline(false);
  });

  it('after the window the button is gone and the sheet says until when objections were possible', async () => {
    world.clock.advance(6 * 24 * 3600 * 1000);
    await tab('首页');
    await openHousehold();
    const sheet = closedSheet();
    await expect
      .poll(() => sheet.getByTestId('objection-until').textContent().then(plain))
      .toMatch(/^提出异议的期限到 \d{1,2}月\d{1,2}日 \d\d:\d\d，已过$/);
    expect(await sheet.getByTestId('object').count()).toBe(0);
    await expectChinese('异议期已过');
    await page.screenshot({ path: screenshotPath('resident-household-window-over'), fullPage: true });
  });
});
