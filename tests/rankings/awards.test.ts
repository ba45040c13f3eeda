/**
 * Awards (issue #17, docs/rankings.md "Awards") and the console's ranking pages: a month of
 * grants to 55 households (each its own points, so the order is known) and a resident on their
 * own, then awards for the ended month through the API — rank and points are the server's, the
 * current month and a holder outside the ranking are refused, a retry answers the first award —
 * and through the console's forms; the yearly 文明之家 list of the top 50 households, in order and
 * in Chinese only; screenshots of the ranking page and the list as printed on A4.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwardList, AwardResult } from '../../shared/api/awards.ts';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { launchBrowser, screenshotPath } from '../helpers/browser.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { createResident } from '../helpers/world.ts';
import { latinWords, visibleText } from '../helpers/zh-sweep.ts';

const HOUSEHOLDS = 55;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐'];
const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** A Chinese household name per number: 李家零一, 张家零二 … 徐家五五 */
const householdName = (i: number) =>
  `${SURNAMES[i % SURNAMES.length]}家${NUMERALS[Math.floor(i / 10) % 10]}${NUMERALS[i % 10]}`;

describe('awards for a place in a ranking', () => {
  let api: TestApi;
  let coordinator: string;
  let staff: string;
  /** Household i (1…55) earned 100 + i points in October 2026: 55 is first. */
  const households: { id: string; name: string; community: string }[] = [];
  let loner = ''; // 赵六: 500 points on her own account in October
  let idle = ''; // a resident who earned nothing in October
  let seq = 0;

  const call = (method: string, path: string, token: string, body?: unknown) =>
    api.call(method, path, { token, ...(body === undefined ? {} : { body }) });
  const grant = async (residentId: string, points: number) => {
    const res = await api.call('POST', '/v1/grants', {
      token: coordinator,
      headers: { 'idempotency-key': `award-grant-${++seq}` },
      body: { residentId, points, reason: '志愿服务' },
    });
    expect(res.status, await res.clone().text()).toBe(201);
  };
  const award = (token: string, body: Record<string, unknown>) => call('POST', '/v1/awards', token, body);
  const october = { period: 'month', at: '2026-10-15' } as const;

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-10-05T02:00:00Z' });
    coordinator = await api.login();
    const made = await call('POST', '/v1/staff', coordinator, {
      name: '窗口小刘',
      email: 'clerk@test.cn',
      password: 'staff password 1',
      rights: [],
    });
    expect(made.status, await made.clone().text()).toBe(201);
    for (let i = 1; i <= HOUSEHOLDS; i++) {
      const member = await createResident(api, coordinator, `${householdName(i)}户主`, 0);
      const community = i % 2 === 0 ? '西村' : '东村';
      const res = await call('POST', '/v1/households', coordinator, {
        name: householdName(i),
        doorNumber: `${community} ${i}号`,
        community,
        memberIds: [member.id],
      });
      expect(res.status, await res.clone().text()).toBe(201);
      households.push({ id: (await res.json()).id, name: householdName(i), community });
      await grant(member.id, 100 + i);
    }
    loner = (await createResident(api, coordinator, '赵六', 0)).id;
    await grant(loner, 500);
    idle = (await createResident(api, coordinator, '钱七', 0)).id;
    // November: the current month when the tests run.
    api.clock.set('2026-11-10T02:00:00Z');
    coordinator = await api.login();
    staff = await api.login('clerk@test.cn', 'staff password 1');
    await grant(idle, 30);
  }, 180_000);
  afterAll(() => api?.close());

  describe('the API', () => {
    it('records an award for an ended month with the rank and points of the server’s ranking', async () => {
      const res = await award(coordinator, {
        ...october,
        scope: 'residents',
        holderId: loner,
        gift: '食用油两桶',
        valueFen: 15000,
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const r = AwardResult.parse(await res.json());
      expect(r.outcome).toBe('recorded');
      expect(r.award).toMatchObject({
        period: 'month',
        periodStart: '2026-10-01',
        scope: 'residents',
        community: null,
        holderId: loner,
        holderName: '赵六',
        rank: 1,
        points: 500,
        gift: '食用油两桶',
        valueFen: 15000,
      });
    });

    it('takes no rank or points from the request', async () => {
      const res = await award(coordinator, {
        ...october,
        scope: 'households',
        holderId: households[0]!.id,
        gift: '大米一袋',
        rank: 1,
        points: 9999,
      });
      expect(res.status).toBe(400);
      expect((await res.json()).type).toBe('invalid_request');
      // A community's ranking gives the community's rank: 东村's first is household 55.
      const inCommunity = await award(coordinator, {
        ...october,
        scope: 'households',
        communityId: '东村',
        holderId: households[54]!.id,
        gift: '大米一袋',
      });
      expect(inCommunity.status).toBe(201);
      const r = AwardResult.parse(await inCommunity.json());
      expect(r.award).toMatchObject({
        rank: 1,
        points: 155,
        community: '东村',
        holderName: householdName(55),
      });
      const second = AwardResult.parse(
        await (
          await award(coordinator, {
            ...october,
            scope: 'households',
            communityId: '东村',
            holderId: households[50]!.id,
            gift: '大米一袋',
          })
        ).json(),
      );
      // Household 51 is 东村's third (55, 53, 51), sixth alliance-wide.
      expect(second.award).toMatchObject({ rank: 3, points: 151 });
    });

    it('refuses the current month and the current year, and records nothing', async () => {
      for (const body of [
        { period: 'month', at: '2026-11-01' },
        { period: 'year', at: '2026-03-01' },
      ]) {
        const res = await award(coordinator, { ...body, scope: 'residents', holderId: idle, gift: '毛巾' });
        expect(res.status).toBe(409);
        expect((await res.json()).type).toBe('award_period_not_over');
      }
      const list = AwardList.parse(
        await (await call('GET', '/v1/awards?period=month&at=2026-11-05', coordinator)).json(),
      );
      expect(list.awards).toEqual([]);
    });

    it('refuses a holder not in that ranking', async () => {
      for (const body of [
        { scope: 'residents', holderId: idle }, // earned nothing in October
        { scope: 'residents', holderId: households[3]!.id }, // a household, not a resident
        { scope: 'households', holderId: households[1]!.id, communityId: '东村' }, // 西村's
      ]) {
        const res = await award(coordinator, { ...october, ...body, gift: '毛巾' });
        expect(res.status, JSON.stringify(body)).toBe(409);
        expect((await res.json()).type).toBe('holder_not_ranked');
      }
      const bad = await award(coordinator, {
        ...october,
        at: '2026-02-30',
        scope: 'residents',
        holderId: loner,
        gift: '毛巾',
      });
      expect(bad.status).toBe(400);
    });

    it('answers a retry with the first award, unchanged', async () => {
      const body = { ...october, scope: 'residents', holderId: loner, gift: '另一份礼物', valueFen: 1 };
      const res = await award(coordinator, body);
      expect(res.status).toBe(200);
      const r = AwardResult.parse(await res.json());
      expect(r.outcome).toBe('already_recorded');
      expect(r.award).toMatchObject({ gift: '食用油两桶', valueFen: 15000, rank: 1 });
      const list = AwardList.parse(
        await (await call('GET', '/v1/awards?period=month&at=2026-10-31', coordinator)).json(),
      );
      expect(list.awards.filter((a) => a.holderId === loner)).toHaveLength(1);
    });

    it('lists the period’s awards with who gave them', async () => {
      const res = await call('GET', '/v1/awards?period=month&at=2026-10-02', staff);
      expect(res.status).toBe(200);
      const list = AwardList.parse(await res.json());
      expect(list.periodStart).toBe('2026-10-01');
      expect(list.awards.map((a) => [a.holderName, a.scope, a.community, a.rank])).toEqual([
        [householdName(55), 'households', '东村', 1],
        [householdName(51), 'households', '东村', 3],
        ['赵六', 'residents', null, 1],
      ]);
      expect(list.awards.every((a) => a.givenBy.name !== null)).toBe(true);
    });

    it('refuses staff (coordinator only)', async () => {
      const res = await award(staff, {
        ...october,
        scope: 'households',
        holderId: households[53]!.id,
        gift: '毛巾',
      });
      expect(res.status).toBe(403);
      expect((await res.json()).type).toBe('coordinator_only');
    });
  });

  describe('the console', () => {
    const asCoordinator = consoleSession(() => api.app);
    const asClerk = consoleSession(() => api.app);
    const signIn = async (session: ReturnType<typeof consoleSession>, email: string, password: string) => {
      const res = await session.request('POST', '/console/login', { email, password, next: '/console/' });
      expect(res.status).toBe(303);
    };
    const page = async (session: ReturnType<typeof consoleSession>, path: string) => {
      const res = await session.request('GET', path);
      const html = await res.text();
      expect(res.status, html.slice(0, 500)).toBe(200);
      return html;
    };
    const octoberHouseholds = '/console/rankings?period=month&at=2026-10-15&scope=households';

    beforeAll(async () => {
      await signIn(asCoordinator, ADMIN.email, ADMIN.password);
      await signIn(asClerk, 'clerk@test.cn', 'staff password 1');
    });

    it('shows a ranking with full names, in order, every word Chinese', async () => {
      const html = await page(asClerk, '/console/rankings?period=month&at=2026-10-15&scope=residents');
      const names = [
        ...html.matchAll(/<tr data-holder="[^"]+"><td class="num">(\d+)<\/td><td>([^<]+)<\/td>/g),
      ];
      // Grants to household members count for their households only: 赵六 alone is ranked.
      expect(names.map((m) => m.slice(1))).toEqual([['1', '赵六']]);
      expect(latinWords(visibleText(html))).toEqual([]);
      // Staff see no award forms.
      expect(html).not.toContain('action="/console/rankings/awards');
      const byHousehold = await page(asClerk, `${octoberHouseholds}&community=${encodeURIComponent('西村')}`);
      const ids = [...byHousehold.matchAll(/data-holder="([^"]+)"/g)].map((m) => m[1]);
      expect(byHousehold).toContain(`<td>${householdName(54)}</td>`);
      expect(ids.slice(0, 3)).toEqual([households[53]!.id, households[51]!.id, households[49]!.id]);
    });

    it('lets the coordinator record an award through the form, in yuan', async () => {
      const form = await page(asCoordinator, octoberHouseholds);
      expect(form).toContain('action="/console/rankings/awards"');
      const res = await asCoordinator.request('POST', '/console/rankings/awards', {
        period: 'month',
        at: '2026-10-15',
        scope: 'households',
        holderId: households[53]!.id,
        gift: '洗衣液一箱',
        valueYuan: '120.5',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toContain('result=recorded');
      const list = AwardList.parse(
        await (await call('GET', '/v1/awards?period=month&at=2026-10-15', coordinator)).json(),
      );
      expect(list.awards.find((a) => a.holderId === households[53]!.id)).toMatchObject({
        rank: 2,
        points: 154,
        gift: '洗衣液一箱',
        valueFen: 12050,
        community: null,
      });
      const after = await page(asCoordinator, octoberHouseholds);
      expect(after).toContain('洗衣液一箱');
      expect(latinWords(visibleText(after))).toEqual([]);
    });

    it('records the top N at once, leaving those already awarded as they were', async () => {
      const res = await asCoordinator.request('POST', '/console/rankings/awards/top', {
        period: 'month',
        at: '2026-10-15',
        scope: 'households',
        top: '3',
        gift: '毛巾一套',
        valueYuan: '',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toContain('result=top&n=1&already=2');
      const list = AwardList.parse(
        await (await call('GET', '/v1/awards?period=month&at=2026-10-15', coordinator)).json(),
      );
      const third = list.awards.find((a) => a.holderId === households[52]!.id);
      expect(third).toMatchObject({ rank: 3, gift: '毛巾一套', valueFen: null });
    });

    it('sends a refused form back with the problem in words, and records nothing', async () => {
      const bad = await asCoordinator.request('POST', '/console/rankings/awards', {
        period: 'month',
        at: '2026-10-15',
        scope: 'households',
        holderId: households[40]!.id,
        gift: '毛巾',
        valueYuan: '十元',
      });
      expect(bad.status).toBe(303);
      expect(bad.headers.get('location')).toContain('error=invalid_request');
      const current = await asCoordinator.request('POST', '/console/rankings/awards', {
        period: 'month',
        at: '2026-11-03',
        scope: 'residents',
        holderId: idle,
        gift: '毛巾',
      });
      const back = current.headers.get('location')!;
      expect(back).toContain('error=award_period_not_over');
      const shown = await page(asCoordinator, back.replace('http://localhost', ''));
      expect(shown).toContain('结束后才能登记奖励');
      const list = AwardList.parse(
        await (await call('GET', '/v1/awards?period=month&at=2026-10-15', coordinator)).json(),
      );
      expect(list.awards.some((a) => a.holderId === households[40]!.id)).toBe(false);
    });

    it('refuses staff who post the form, with a page in words', async () => {
      const res = await asClerk.request('POST', '/console/rankings/awards', {
        period: 'month',
        at: '2026-10-15',
        scope: 'households',
        holderId: households[30]!.id,
        gift: '毛巾',
      });
      expect(res.status).toBe(403);
      const html = await res.text();
      expect(html).toContain('data-error="coordinator_only"');
      expect(latinWords(visibleText(html))).toEqual([]);
    });

    it('prints the year’s top 50 households as the 文明之家 list, in order, in Chinese only', async () => {
      api.clock.set('2027-01-06T02:00:00Z');
      await signIn(asClerk, 'clerk@test.cn', 'staff password 1');
      const html = await page(asClerk, '/console/rankings/certificates?year=2026');
      const ids = [...html.matchAll(/data-household="([^"]+)"/g)].map((m) => m[1]);
      // Household 55 first (155 points) down to household 6 (106): 50 of the 55.
      expect(ids).toEqual(Array.from({ length: 50 }, (_, k) => households[HOUSEHOLDS - 1 - k]!.id));
      const ranks = [
        ...html.matchAll(
          /<tr data-household="[^"]+"><td class="num">(\d+)<\/td><td>([^<]+)<\/td><td>([^<]*)<\/td>/g,
        ),
      ];
      expect(ranks[0]?.slice(1)).toEqual(['1', householdName(55), '东村']);
      expect(ranks[49]?.slice(1)).toEqual(['50', householdName(6), '西村']);
      expect(html).toContain('测试联盟 2026 年度“文明之家”名单');
      expect(html).not.toContain('data-not-final');
      expect(latinWords(visibleText(html))).toEqual([]);
      const community = await page(
        asClerk,
        `/console/rankings/certificates?year=2026&community=${encodeURIComponent('西村')}`,
      );
      expect([...community.matchAll(/data-household="/g)]).toHaveLength(27);
    });

    it('screenshots the ranking page and the list as printed on A4', async () => {
      const server = serve({ hostname: '127.0.0.1', port: 0, fetch: api.app.fetch });
      await new Promise((resolve) => server.once('listening', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const browser = await launchBrowser();
      try {
        const context = await browser.newContext({
          viewport: { width: 1280, height: 800 },
          deviceScaleFactor: 1,
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
        });
        const p = await context.newPage();
        await p.goto(`${base}/console/login`);
        await p.fill('input[name=email]', ADMIN.email);
        await p.fill('input[name=password]', ADMIN.password);
        await p.click('main button[type=submit]');
        await p.waitForURL(`${base}/console/`);
        await p.goto(`${base}${octoberHouseholds}`);
        expect(await p.locator('table[data-table=ranking] tbody tr').count()).toBe(HOUSEHOLDS);
        await p.screenshot({ path: screenshotPath('console-rankings'), fullPage: true });
        await p.goto(`${base}/console/rankings/certificates?year=2026`);
        await p.emulateMedia({ media: 'print' });
        await p.setViewportSize({ width: 794, height: 1123 });
        expect(await p.locator('header').isVisible()).toBe(false);
        await p.screenshot({ path: screenshotPath('console-rankings-certificates-print'), fullPage: true });
        const pdf = (await p.pdf({ preferCSSPageSize: true })).toString('latin1');
        const pages = pdf.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
        expect(pages).toBeGreaterThanOrEqual(1);
        expect(pages).toBeLessThanOrEqual(2);
      } finally {
        await browser.close();
        server.close();
      }
    }, 60_000);
  });
});
