/**
 * Activities, check-in and the ranking in the resident app (issue #17), in headless Chromium at
 * 360 × 800 against the real API on a real database. An organizer (through the JSON API)
 * publishes two activities; the resident sees them, signs up (已报名), joins a full one's waiting
 * list (候补第 1 位) and moves up when the one ahead cancels; opens the organizer's check-in URL
 * (签到成功 with the time, then 签退成功), an old URL (the server's clock moved on) refused in
 * words, a cut-off link in words; cancels with a confirmation. A browser with no session opening
 * the URL is told plainly to use the app's 扫一扫; the app's 扫一扫 reads the QR through
 * Chromium's fake camera and checks in. The ranking tab shows this month's top 20 and the
 * resident's rank with the change from last month (points granted in two months, the server's
 * clock moved into the next month between them). Every zh-CN screen is swept for Latin words;
 * the screens fit 240 px with large text. Screenshots: test-results/screenshots/resident-*.png.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinFromHash, checkinFromScan } from '../../resident-pwa/src/activities.ts';
import { rankMove } from '../../resident-pwa/src/rankings.ts';
import { PROBLEMS } from '../../shared/problems.ts';
import { ADMIN } from '../helpers/api.ts';
import {
  ensureAppBuild,
  launchBrowser,
  misfits,
  newPhoneContext,
  screenshotPath,
} from '../helpers/browser.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import { latinWords } from '../helpers/zh-sweep.ts';
import { fakeCameraFlags, y4mFromPng } from '../merchant-pwa/browser.ts';
import { type ResidentWorld, startResidentWorld } from './world.ts';

/** Text as read: the app holds a number to its unit with a no-break space. */
const plain = (text: string | null): string => (text ?? '').replace(/\u00a0/g, ' ');

const shanghaiDay = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
const shanghaiTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

/** Noon in Shanghai on the 2nd of the month after `at`'s. */
function secondOfNextMonth(at: Date): Date {
  const [y, m] = shanghaiDay(at).split('-').map(Number) as [number, number];
  const next = m === 12 ? [y + 1, 1] : [y, m + 1];
  return new Date(`${next[0]}-${String(next[1]).padStart(2, '0')}-02T12:00:00+08:00`);
}

interface ApiResident {
  id: string;
  token: string;
}

describe('activities, check-in and the ranking in the resident app', () => {
  let world: ResidentWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let organizer: string;
  let residentId: string;
  let other: ApiResident;
  let cleanUp: string;
  let bigSweep: string;
  const scratch = mkdtempSync(join(tmpdir(), 'resident-activities-'));

  const call = <T = Record<string, unknown>>(method: string, path: string, token: string, body?: unknown) =>
    world.json<T>(method, path, { token, ...(body === undefined ? {} : { body }) });

  const apiResident = async (name: string): Promise<ApiResident & { code: string }> => {
    const created = await call<{ id: string; enrollmentCode: string }>(
      'POST',
      '/v1/residents',
      world.coordinator,
      {
        name,
      },
    );
    return { id: created.id, token: '', code: created.enrollmentCode };
  };
  const enrollByApi = async (code: string) =>
    (await world.json<{ accessToken: string }>('POST', '/v1/enroll/resident', { body: { code } }))
      .accessToken;

  const screenWords = (p: Page = page) =>
    p.evaluate(() =>
      [
        // biome-ignore lint/performance/useDomNodeTextContent: only what is shown counts, not hidden text
        document.body.innerText,
        ...[...document.querySelectorAll('[placeholder],[aria-label],[alt],[title]')].flatMap((el) =>
          ['placeholder', 'aria-label', 'alt', 'title'].map((a) => el.getAttribute(a) ?? ''),
        ),
      ].join(' '),
    );
  const expectChinese = async (screen: string, p: Page = page) =>
    expect(latinWords(await screenWords(p)), screen).toEqual([]);

  const card = (id: string) => page.locator(`[data-testid=activity][data-activity-id="${id}"]`);
  const openActivities = async () => {
    await page.getByRole('button', { name: '首页', exact: true }).click();
    await page.getByTestId('home-activities').click();
    await page.getByTestId('activities').waitFor();
  };
  const checkinUrl = async (activityId: string, direction: 'in' | 'out' = 'in') =>
    (
      await call<{ url: string }>(
        'GET',
        `/v1/activities/${activityId}/checkin-code?direction=${direction}`,
        organizer,
      )
    ).url;
  const publish = (title: string, extra: Record<string, unknown> = {}) => {
    const day = shanghaiDay(new Date(world.clock.now().getTime() + 2 * 86_400_000));
    return call<{ id: string }>('POST', '/v1/activities', organizer, {
      title,
      ruleCode: 'activity-volunteer',
      place: '兴隆村文化广场',
      startsAt: `${day}T09:00:00+08:00`,
      endsAt: `${day}T11:00:00+08:00`,
      capacity: 10,
      ...extra,
    });
  };

  beforeAll(async () => {
    const dist = ensureAppBuild('resident-pwa');
    world = await startResidentWorld(await createTestDatabase(), dist);
    await call('POST', '/v1/rules', world.coordinator, {
      code: 'activity-volunteer',
      category: '志愿活动',
      titleZh: '志愿服务',
      kind: 'per_hour',
      pointsPerHour: 10,
      evidence: 'none',
      selfClaim: false,
    });
    await call('POST', '/v1/staff', world.coordinator, {
      name: '活动组织者',
      email: 'organizer@test.cn',
      password: 'organizer password',
      rights: ['organizer'],
    });
    organizer = (
      await world.json<{ accessToken: string }>('POST', '/v1/auth/login', {
        body: { email: 'organizer@test.cn', password: 'organizer password' },
      })
    ).accessToken;
    cleanUp = (await publish('清洁家园', { team: '环境整治队' })).id;
    bigSweep = (await publish('敬老院大扫除', { capacity: 1, waitlist: 2 })).id;

    const resident = await apiResident('赵桂兰');
    residentId = resident.id;
    const neighbour = await apiResident('钱志明');
    other = { id: neighbour.id, token: await enrollByApi(neighbour.code) };

    browser = await launchBrowser();
    context = await newPhoneContext(browser, { baseURL: world.baseUrl });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    await page.goto('/resident/');
    await page.fill('#enroll-code', resident.code);
    await page.getByRole('button', { name: '确认登记' }).click();
    await page.getByTestId('home-activities').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('a check-in link or a scanned text is taken only when whole and this app’s', () => {
    const token = `i${'1'.repeat(10)}.${'a'.repeat(22)}`;
    const id = '0b6f0f8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(checkinFromHash(`#/checkin/${id}/${token}`)).toEqual({ activityId: id, token, direction: 'in' });
    expect(checkinFromHash(`#/checkin/${id}/o${token.slice(1)}`)).toMatchObject({ direction: 'out' });
    expect(checkinFromHash('#/checkin/xyz')).toBe('bad');
    expect(checkinFromHash('#enroll=123456789012')).toBeUndefined();
    const origin = 'https://jf.example.cn';
    expect(
      checkinFromScan(`${origin}/resident/#/checkin/${id}/${token}`, origin, '/resident/'),
    ).toMatchObject({
      activityId: id,
    });
    expect(
      checkinFromScan(`https://other.example.cn/resident/#/checkin/${id}/${token}`, origin, '/resident/'),
    ).toBeUndefined();
    expect(
      checkinFromScan(`${origin}/merchant/#/checkin/${id}/${token}`, origin, '/resident/'),
    ).toBeUndefined();
    expect(checkinFromScan('95123456', origin, '/resident/')).toBeUndefined();
    expect(rankMove(12, 15)).toEqual({ kind: 'up', rank: 12, by: 3 });
    expect(rankMove(12, 10)).toEqual({ kind: 'down', rank: 12, by: 2 });
    expect(rankMove(4, 4)).toEqual({ kind: 'same', rank: 4 });
    expect(rankMove(4, null)).toEqual({ kind: 'new', rank: 4 });
    expect(rankMove(null, 3)).toEqual({ kind: 'none' });
  });

  it('the list shows what was published; 报名 makes it 已报名', async () => {
    await page.screenshot({ path: screenshotPath('resident-activities-home') });
    await openActivities();
    const first = card(cleanUp);
    expect(plain(await first.locator('h2').textContent())).toBe('清洁家园');
    const when = plain(await first.getByTestId('activity-when').textContent());
    expect(when).toMatch(/^\d{1,2}月\d{1,2}日 09:00–11:00$/);
    const text = plain(await first.textContent());
    expect(text).toContain('地点：兴隆村文化广场');
    expect(text).toContain('志愿队：环境整治队');
    expect(text).toContain('每小时 10 积分');
    expect(plain(await first.getByTestId('activity-places').textContent())).toBe(
      '还剩 10 个名额（共 10 个）',
    );
    expect(await first.getByTestId('my-status').textContent()).toBe('未报名');
    await expectChinese('活动报名');
    await page.screenshot({ path: screenshotPath('resident-activities'), fullPage: true });

    await first.getByTestId('sign-up').click();
    await expect.poll(() => first.getByTestId('my-status').textContent()).toBe('已报名');
    expect(plain(await first.getByTestId('activity-places').textContent())).toBe('还剩 9 个名额（共 10 个）');
    expect(await first.getByTestId('cancel-signup').count()).toBe(1);
    await expectChinese('已报名');
    await first.screenshot({ path: screenshotPath('resident-activity-signed-up') });
  });

  it('a full activity offers the waiting list; the one ahead cancelling moves the resident up', async () => {
    await call('POST', `/v1/activities/${bigSweep}/signups`, other.token, {});
    await openActivities();
    const full = card(bigSweep);
    // The screen shows the list it kept, then the one it reads again on opening.
    await expect
      .poll(async () => plain(await full.getByTestId('activity-places').textContent()))
      .toBe('名额已满，还可以候补（还剩 2 个候补位置）');
    await full.getByRole('button', { name: '报名候补' }).click();
    await expect.poll(() => full.getByTestId('my-status').textContent()).toBe('候补第 1 位');
    await expectChinese('候补');
    await full.screenshot({ path: screenshotPath('resident-activity-waitlisted') });

    await world.json('DELETE', `/v1/activities/${bigSweep}/signups/me`, { token: other.token, status: 204 });
    await openActivities();
    await expect.poll(() => card(bigSweep).getByTestId('my-status').textContent()).toBe('已报名');
  });

  it('the organizer’s check-in URL checks the resident in, once, then the check-out URL out', async () => {
    const url = await checkinUrl(cleanUp);
    expect(url).toMatch(new RegExp(`^${world.baseUrl}/resident/#/checkin/${cleanUp}/i\\d+\\.`));
    await page.goto(url);
    const result = page.getByTestId('checkin-result');
    await expect.poll(() => result.textContent()).toBe('签到成功');
    const detail = await call<{ signups: { residentId: string; checkedInAt: string | null }[] }>(
      'GET',
      `/v1/activities/${cleanUp}`,
      organizer,
    );
    const mine = detail.signups.find((s) => s.residentId === residentId)!;
    expect(mine.checkedInAt).not.toBeNull();
    expect(await page.getByTestId('checkin-time').textContent()).toBe(
      `签到时间：${shanghaiTime(mine.checkedInAt!)}`,
    );
    expect(plain(await page.getByTestId('checkin').textContent())).toContain('清洁家园');
    // The hash is taken: a reload opens home, and posts nothing again.
    expect(await page.evaluate(() => location.hash)).toBe('');
    await expectChinese('签到成功');
    await page.screenshot({ path: screenshotPath('resident-checkin-done'), fullPage: true });
    await page.reload();
    await page.getByTestId('home-activities').waitFor();
    expect(await page.getByTestId('checkin').count()).toBe(0);

    await page.goto(await checkinUrl(cleanUp, 'out'));
    await expect.poll(() => page.getByTestId('checkin-result').textContent()).toBe('签退成功');
    await expectChinese('签退成功');
  });

  it('an old check-in URL is refused in words; a cut-off link too', async () => {
    const url = await checkinUrl(bigSweep);
    world.clock.advance(150_000);
    await page.goto(url);
    const result = page.getByTestId('checkin-result');
    await expect.poll(() => result.textContent()).toBe(PROBLEMS.checkin_code_expired.zh);
    expect(await page.getByTestId('checkin').textContent()).toContain('没有签到成功');
    await expectChinese('签到码过期');
    await page.screenshot({ path: screenshotPath('resident-checkin-expired'), fullPage: true });

    await page.goto(`${world.baseUrl}/resident/#/checkin/${bigSweep}`);
    await expect.poll(() => result.textContent()).toBe('这个签到链接不完整。请扫描活动现场屏幕上的二维码。');
    await expectChinese('签到链接不完整');
  });

  it('取消报名 asks first, then frees the place', async () => {
    await openActivities();
    const sweep = card(bigSweep);
    await sweep.getByTestId('cancel-signup').click();
    const confirm = sweep.getByTestId('cancel-confirm');
    expect(await confirm.textContent()).toContain('确定取消报名吗？');
    await expectChinese('取消报名');
    await confirm.getByRole('button', { name: '不取消' }).click();
    expect(await sweep.getByTestId('my-status').textContent()).toBe('已报名');
    await sweep.getByTestId('cancel-signup').click();
    await sweep.getByTestId('cancel-yes').click();
    await expect.poll(() => sweep.getByTestId('my-status').textContent()).toBe('未报名');
    expect(plain(await sweep.getByTestId('activity-places').textContent())).toBe('还剩 1 个名额（共 1 个）');
  });

  it('a browser with no session opening the URL is told to use the app’s 扫一扫', async () => {
    const bare = await newPhoneContext(browser, { baseURL: world.baseUrl });
    const safari = await bare.newPage();
    await safari.goto(await checkinUrl(cleanUp));
    const words = safari.getByTestId('no-session');
    await words.waitFor();
    const text = await words.textContent();
    expect(text).toContain('这个浏览器没有登录');
    expect(text).toContain('所以在这里不能签到');
    expect(text).toContain('请从手机桌面打开“文明积分”应用，点首页的“扫一扫”，扫描活动现场的二维码。');
    expect(await safari.evaluate(() => location.hash)).toBe('');
    await expectChinese('没有登录', safari);
    await safari.screenshot({ path: screenshotPath('resident-checkin-no-session'), fullPage: true });
    // The way to enrollment is still there.
    await safari.getByRole('button', { name: /用登记码在这个浏览器登记/ }).click();
    await safari.locator('#enroll-code').waitFor();
    await bare.close();
  });

  it('with no points this month the ranking says so kindly', async () => {
    await page.getByRole('button', { name: '排行', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('rank-sentence').textContent())
      .toBe('本月还没有积分。参加活动、申报好人好事，就能上榜，加油！');
    await expectChinese('排行榜，没有积分');
  });

  it('the screens fit 240 px with large text and the browser’s bigger text size', async () => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 20 } });
    await page.getByRole('button', { name: '设置', exact: true }).click();
    await page.getByRole('switch', { name: /大字/ }).click();
    for (const width of [240, 360]) {
      await page.setViewportSize({ width, height: 640 });
      await page.getByRole('button', { name: '首页', exact: true }).click();
      await page.getByTestId('home-activities').waitFor();
      expect(await misfits(page, width), `home at ${width}`).toEqual([]);
      await openActivities();
      expect(await misfits(page, width), `activities at ${width}`).toEqual([]);
      await card(cleanUp).getByTestId('cancel-signup').click();
      expect(await misfits(page, width), `cancel at ${width}`).toEqual([]);
      await card(cleanUp).getByRole('button', { name: '不取消' }).click();
      await page.getByRole('button', { name: '排行', exact: true }).click();
      await page.getByTestId('rank-sentence').waitFor();
      expect(await misfits(page, width), `ranking at ${width}`).toEqual([]);
      const tabs = (await page.getByTestId('tabs').boundingBox())!;
      expect(tabs.x + tabs.width).toBeLessThanOrEqual(width + 0.5);
      for (const tab of await page.getByTestId('tabs').locator('button').all()) {
        expect((await tab.boundingBox())!.height).toBeGreaterThanOrEqual(48);
      }
      await page.goto(await checkinUrl(cleanUp));
      await page.getByTestId('checkin-result').waitFor();
      expect(await misfits(page, width), `check-in at ${width}`).toEqual([]);
      await page.screenshot({ path: screenshotPath(`resident-activities-fit-${width}-large`) });
    }
    await page.getByRole('button', { name: '设置', exact: true }).click();
    await page.getByRole('switch', { name: /大字/ }).click();
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16 } });
    await page.setViewportSize({ width: 360, height: 800 });
  });

  it('扫一扫 reads the check-in QR with the camera and checks in', async () => {
    const scanner = await apiResident('孙秀英');
    const token = await enrollByApi(scanner.code);
    await call('POST', `/v1/activities/${cleanUp}/signups`, token, {});
    const slip = await call<{ enrollmentCode: string }>(
      'POST',
      `/v1/residents/${scanner.id}/enrollment-code`,
      world.coordinator,
    );
    const url = await checkinUrl(cleanUp);
    const video = join(scratch, 'checkin.y4m');
    writeFileSync(video, y4mFromPng(await QRCode.toBuffer(url, { margin: 4, width: 360 })));
    const camera = await launchBrowser(fakeCameraFlags(video));
    try {
      const phone = await newPhoneContext(camera, { baseURL: world.baseUrl });
      phone.setDefaultTimeout(10_000);
      const p = await phone.newPage();
      await p.goto('/resident/');
      await p.fill('#enroll-code', slip.enrollmentCode);
      await p.getByRole('button', { name: '确认登记' }).click();
      await p.getByTestId('home-scan').click();
      await expect
        .poll(() => p.getByTestId('checkin-result').textContent(), { timeout: 15_000 })
        .toBe('签到成功');
      await expectChinese('扫一扫签到', p);
      const detail = await call<{ signups: { residentId: string; checkedInAt: string | null }[] }>(
        'GET',
        `/v1/activities/${cleanUp}`,
        organizer,
      );
      expect(detail.signups.find((s) => s.residentId === scanner.id)?.checkedInAt).not.toBeNull();
    } finally {
      await camera.close();
    }
  });

  it('the ranking tab shows this month’s top 20 and the rank with the change from last month', async () => {
    const names = [...'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地'].map((c) => `测试${c}`);
    const people = [];
    for (const name of names) people.push(await apiResident(name));
    const me = people[14]!;
    let n = 0;
    const keyed = async (residentId: string, points: number, token: string) => {
      const res = await fetch(`${world.baseUrl}/v1/grants`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': `ranking-${++n}`,
        },
        body: JSON.stringify({ residentId, points, reason: '志愿服务' }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
    };
    // Last month (now): 测试甲 2000 … 测试地 1770; 测试辰 (index 14) is 15th, above every demo resident.
    for (const [i, p] of people.entries()) await keyed(p.id, 2000 - 10 * i, world.coordinator);

    // This month: the same, but 测试辰 gets 1895 and passes 测试亥 (1890): 12th, up 3.
    world.clock.advance(secondOfNextMonth(world.clock.now()).getTime() - world.clock.now().getTime());
    const coordinator = (await world.json<{ accessToken: string }>('POST', '/v1/auth/login', { body: ADMIN }))
      .accessToken;
    for (const [i, p] of people.entries()) await keyed(p.id, p === me ? 1895 : 2000 - 10 * i, coordinator);

    const slip = await call<{ enrollmentCode: string }>(
      'POST',
      `/v1/residents/${me.id}/enrollment-code`,
      coordinator,
    );
    const phone = await newPhoneContext(browser, { baseURL: world.baseUrl });
    phone.setDefaultTimeout(10_000);
    const p = await phone.newPage();
    await p.goto('/resident/');
    await p.fill('#enroll-code', slip.enrollmentCode);
    await p.getByRole('button', { name: '确认登记' }).click();
    await p.getByRole('button', { name: '排行', exact: true }).click();
    await expect
      .poll(() => p.getByTestId('rank-sentence').textContent().then(plain))
      .toBe('本月第 12 名，比上月前进 3 名');
    const rows = p.getByTestId('rank-row');
    expect(await rows.count()).toBe(20);
    expect(plain(await rows.first().textContent())).toBe('第 1 名2000 积分测*甲');
    const own = p.locator('[data-testid=rank-row][data-mine=true]');
    expect(await own.count()).toBe(1);
    expect(plain(await own.textContent())).toBe('第 12 名1895 积分测*辰我');
    expect(plain(await p.getByTestId('my-rank').textContent())).toContain('本月已得 1895 积分');
    expect(await p.getByTestId('ranking-where').textContent()).toBe('全联盟 · 前 20 名');
    await expectChinese('排行榜', p);
    await p.screenshot({ path: screenshotPath('resident-ranking'), fullPage: true });
    // Offline, the last ranking stays, with its age.
    await phone.setOffline(true);
    await p.getByRole('button', { name: '首页', exact: true }).click();
    await p.getByRole('button', { name: '排行', exact: true }).click();
    await expect.poll(() => p.getByTestId('freshness').textContent()).toMatch(/^没有网络，显示的是/);
    expect(plain(await p.getByTestId('rank-sentence').textContent())).toBe('本月第 12 名，比上月前进 3 名');
    await phone.close();
  });
});
