/**
 * The public screen (一屏公示, issue #17, docs/screen.md) through the API and the console: the
 * coordinator makes a link; the screen's data holds today's and this month's top ten in order
 * with masked names, the public deeds (not the hidden or private ones) with photos the screen may
 * load, the activities open to its community, this month's points earned and spent as posted, and
 * the merchants; nothing private (no ids of people, phone numbers, full names, notes). A revoked
 * or unknown link is a 404 problem; staff without the coordinator's role are refused; the request
 * log never holds a token; the console makes, shows (with its QR) and revokes links.
 */
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { auditLog } from '../../api/db/schema/index.ts';
import { ScreenData, ScreenLinkList, ScreenLinkView } from '../../shared/api/screen.ts';
import { PROBLEMS } from '../../shared/problems.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { buildScreenWorld, local, PEOPLE, type ScreenWorld, STAFF_PASSWORD } from './world.ts';

describe('the public screen', () => {
  let api: TestApi;
  let world: ScreenWorld;
  let coordinator: string;

  const make = async (body: Record<string, unknown>) => {
    const res = await api.call('POST', '/v1/screens', { token: coordinator, body });
    expect(res.status, await res.clone().text()).toBe(201);
    return ScreenLinkView.parse(await res.json());
  };
  const read = (token: string) => api.call('GET', `/v1/screen/${token}`);

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-03T02:00:00Z' });
    world = await buildScreenWorld(api);
    api.clock.set(local('2026-11-20 11:00'));
    coordinator = await world.coordinator();
  }, 120_000);
  afterAll(() => api?.close());

  it('a new link answers its URL with the token in the fragment', async () => {
    const link = await make({ name: '服务中心大厅' });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.url).toBe(`http://localhost/screen/#${link.token}`);
    expect(link).toMatchObject({ name: '服务中心大厅', community: null, revokedAt: null, lastSeenAt: null });
    const [entry] = await api.database.db.select().from(auditLog).where(eq(auditLog.target, link.id));
    expect(entry?.action).toBe('screen.create');
  });

  it('the screen shows the alliance’s top ten of today and this month in order, names masked', async () => {
    const link = await make({ name: '大厅' });
    const res = await read(link.token!);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const data = ScreenData.parse(await res.json());
    expect(data.alliance).toBe('测试联盟');
    expect(data.today).toEqual({
      day: '2026-11-20',
      top: [
        { rank: 1, name: '钱*多', points: 200 },
        { rank: 2, name: '王*兰', points: 30 },
        { rank: 3, name: '李*', points: 30 },
        { rank: 4, name: '欧**华', points: 20 },
      ],
    });
    expect(data.month).toEqual({
      month: '2026-11',
      top: [
        { rank: 1, name: '钱*多', points: 200 },
        { rank: 2, name: '张*丰', points: 110 },
        { rank: 3, name: '王*兰', points: 30 },
        { rank: 4, name: '李*', points: 30 },
        { rank: 5, name: '欧**华', points: 20 },
      ],
    });
    // Earned as rankings count it: 80 + 30 + 30 + 30 + 20 + 200; spent: the one capture of 50.
    expect(data.points).toEqual({ month: '2026-11', earned: 390, spentAtMerchants: 50 });
    expect(data.merchants).toEqual([{ name: '叶子发艺', address: '幸福路 8 号', offers: ['理发立减 5 元'] }]);
  });

  it('good deeds: only the public, unhidden ones, masked, with photos the screen may load', async () => {
    const link = await make({ name: '大厅' });
    const data = ScreenData.parse(await (await read(link.token!)).json());
    expect(data.deeds).toEqual([
      {
        name: '王*兰',
        title: '参加义务巡逻',
        points: 30,
        occurredOn: '2026-11-03',
        approvedAt: local('2026-11-20 10:00').toISOString(),
        photos: [`/v1/screen/${link.token}/photos/${world.photos.shown}`],
      },
    ]);
    const photo = await api.call('GET', data.deeds[0]!.photos[0]!);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toMatch(/^image\//);
    expect((await photo.arrayBuffer()).byteLength).toBeGreaterThan(100);
    // The hidden deed's photo and a private claim's are not the screen's to show.
    for (const id of [world.photos.hidden, world.photos.private]) {
      const refused = await api.call('GET', `/v1/screen/${link.token}/photos/${id}`);
      expect(refused.status).toBe(404);
      expect((await refused.json()).type).toBe('screen_photo_not_found');
    }
  });

  it('activities not over yet, with the places left; a community’s screen ranks its own and skips others’ activities', async () => {
    const all = ScreenData.parse(await (await read((await make({ name: '大厅' })).token!)).json());
    expect(all.activities.map((a) => [a.title, a.placesLeft])).toEqual([
      ['清洁家园', 9],
      ['兴隆村植树', 10],
    ]);
    expect(all.activities[0]).toMatchObject({
      place: '文化广场',
      startsAt: '2026-11-25T01:00:00.000Z',
      endsAt: '2026-11-25T03:00:00.000Z',
      capacity: 10,
    });
    const link = await make({ name: '窑子上活动室', community: '窑子上' });
    expect(link.community).toBe('窑子上');
    const data = ScreenData.parse(await (await read(link.token!)).json());
    expect(data.screen).toEqual({ name: '窑子上活动室', community: '窑子上' });
    expect(data.activities.map((a) => a.title)).toEqual(['清洁家园']);
    expect(data.today.top).toEqual([
      { rank: 1, name: '王*兰', points: 30 },
      { rank: 2, name: '李*', points: 30 },
    ]);
    expect(data.points.earned).toBe(60);
  });

  it('nothing private: no ids of people, phone numbers, full names, households or notes', async () => {
    const link = await make({ name: '大厅' });
    const text = await (await read(link.token!)).text();
    for (const id of [...world.residentIds, world.householdId]) expect(text).not.toContain(id);
    for (const p of Object.values(PEOPLE)) {
      expect(text).not.toContain(p.name);
      expect(text).not.toContain(p.phone);
    }
    for (const secret of ['钱多多', '王李之家', '窑子上 3号院', world.privateNote, 'residentId', 'balance']) {
      expect(text).not.toContain(secret);
    }
  });

  it('the coordinator’s list shows when each screen was last seen', async () => {
    const link = await make({ name: '看过的屏' });
    api.clock.set(local('2026-11-20 11:30'));
    expect((await read(link.token!)).status).toBe(200);
    coordinator = await world.coordinator();
    const list = ScreenLinkList.parse(
      await (await api.call('GET', '/v1/screens', { token: coordinator })).json(),
    );
    const seen = list.screens.find((s) => s.id === link.id);
    expect(seen?.lastSeenAt).toBe(local('2026-11-20 11:30').toISOString());
    expect(seen?.url).toBe(link.url);
    expect(list.screens.length).toBeGreaterThanOrEqual(6);
  });

  it('a revoked link answers screen_link_revoked, an unknown one screen_link_not_found (both 404)', async () => {
    const link = await make({ name: '要停用的屏' });
    expect((await read(link.token!)).status).toBe(200);
    const res = await api.call('POST', `/v1/screens/${link.id}/revoke`, { token: coordinator });
    expect(res.status).toBe(200);
    const revoked = ScreenLinkView.parse(await res.json());
    expect(revoked.revokedAt).not.toBeNull();
    expect(revoked.url).toBeNull();
    expect(revoked.token).toBeNull();
    // Revoking again changes nothing.
    const again = ScreenLinkView.parse(
      await (await api.call('POST', `/v1/screens/${link.id}/revoke`, { token: coordinator })).json(),
    );
    expect(again.revokedAt).toBe(revoked.revokedAt);
    for (const path of [
      `/v1/screen/${link.token}`,
      `/v1/screen/${link.token}/photos/${world.photos.shown}`,
    ]) {
      const refused = await api.call('GET', path, { headers: { 'accept-language': 'zh-CN' } });
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      const problem = await refused.json();
      expect(problem.type).toBe('screen_link_revoked');
      expect(problem.title).toBe(PROBLEMS.screen_link_revoked.zh);
    }
    for (const token of ['A'.repeat(43), 'short', '%E4%B8%AD']) {
      const unknown = await read(token);
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).type).toBe('screen_link_not_found');
    }
    const none = await api.call('POST', '/v1/screens/00000000-0000-4000-8000-000000000000/revoke', {
      token: coordinator,
    });
    expect(none.status).toBe(404);
    expect((await none.json()).type).toBe('screen_link_not_found');
    const actions = (await api.database.db.select().from(auditLog).where(eq(auditLog.target, link.id))).map(
      (e) => e.action,
    );
    expect(actions.sort()).toEqual(['screen.create', 'screen.revoke', 'screen.revoke']);
  });

  it('bad input is a 400 in words, never stored', async () => {
    for (const body of [{}, { name: '' }, { name: 'x'.repeat(61) }, { name: '屏', extra: 1 }, { name: 5 }]) {
      const res = await api.call('POST', '/v1/screens', { token: coordinator, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).type).toBe('invalid_request');
    }
    const bad = await api.call('GET', `/v1/screen/${'A'.repeat(43)}/photos/not-a-uuid`);
    expect(bad.status).toBe(400);
  });

  it('staff without the coordinator’s role may not make, list or revoke links', async () => {
    const desk = await world.desk();
    const link = await make({ name: '大厅' });
    for (const [method, path, body] of [
      ['POST', '/v1/screens', { name: '屏' }],
      ['GET', '/v1/screens', undefined],
      ['POST', `/v1/screens/${link.id}/revoke`, undefined],
    ] as const) {
      const res = await api.call(method, path, { token: desk, ...(body ? { body } : {}) });
      expect(res.status).toBe(403);
      expect((await res.json()).type).toBe('coordinator_only');
    }
    expect((await read(link.token!)).status).toBe(200);
  });

  it('the request log writes a screen token as :token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = createApp({
      db: api.database.db,
      allianceId: api.allianceId,
      masterKey: api.masterKey,
      clock: api.clock,
      logger: pino({ level: 'info' }, sink),
    });
    const link = await make({ name: '日志' });
    expect((await logged.request(`/v1/screen/${link.token}`)).status).toBe(200);
    expect((await logged.request(`/v1/screen/${link.token}/photos/${world.photos.shown}`)).status).toBe(200);
    const paths = lines
      .map((l) => JSON.parse(l))
      .filter((l) => l.msg === 'request')
      .map((l) => l.path);
    expect(paths).toEqual(['/v1/screen/:token', `/v1/screen/:token/photos/${world.photos.shown}`]);
    expect(lines.join('\n')).not.toContain(link.token);
  });

  it('the page is served from this origin with one script, and its script and style', async () => {
    const page = await api.call('GET', '/screen/');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('src="/screen/screen.js"');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await api.call('GET', '/screen/screen.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain('此公示屏链接已停用');
    const style = await api.call('GET', '/screen/screen.css');
    expect(style.headers.get('content-type')).toContain('text/css');
    expect((await api.call('GET', '/screen')).status).toBe(301);
    expect(await (await api.call('GET', '/screen/?lang=en')).text()).toContain('<html lang="en">');
  });

  describe('in the console', () => {
    const asCoordinator = consoleSession(() => api.app);
    const asDesk = consoleSession(() => api.app);

    beforeAll(async () => {
      for (const [session, email, password] of [
        [asCoordinator, 'coordinator@test.cn', 'correct horse battery'],
        [asDesk, 'desk@test.cn', STAFF_PASSWORD],
      ] as const) {
        const res = await session.request('POST', '/console/login', { email, password, next: '/console/' });
        expect(res.status).toBe(303);
      }
    });

    it('the coordinator makes a link, sees it with its QR, and revokes it', async () => {
      const made = await asCoordinator.request('POST', '/console/screens', {
        name: '控制台大厅屏',
        community: '窑子上',
      });
      expect(made.status).toBe(303);
      const location = made.headers.get('location')!;
      const id = /made=([0-9a-f-]{36})/.exec(location)![1]!;
      const page = await (await asCoordinator.request('GET', location.replace(/#.*/, ''))).text();
      expect(page).toContain('已生成公示屏链接');
      expect(page).toMatch(
        new RegExp(`<tr data-screen="${id}" data-state="active"><td>控制台大厅屏</td><td>窑子上</td>`),
      );
      const section = page.slice(page.indexOf(`data-screen-link="${id}"`));
      const url = /data-screen-url="(http:\/\/localhost\/screen\/#[A-Za-z0-9_-]{43})"/.exec(section)?.[1];
      expect(url).toBeDefined();
      expect(page).toMatch(new RegExp(`data-screen-link="${id}"[\\s\\S]*?<svg`));
      // The link works on the screen.
      expect((await read(url!.split('#')[1]!)).status).toBe(200);

      const confirm = await asCoordinator.request('GET', `/console/screens/${id}/revoke`);
      expect(confirm.status).toBe(200);
      expect(await confirm.text()).toContain('停用公示屏链接“控制台大厅屏”？');
      const revoked = await asCoordinator.request('POST', `/console/screens/${id}/revoke`, {});
      expect(revoked.status).toBe(303);
      const after = await (await asCoordinator.request('GET', '/console/screens?revoked=1')).text();
      expect(after).toContain('已停用。');
      expect(after).toContain(`<tr data-screen="${id}" data-state="revoked">`);
      expect(after).not.toContain(url!);
      expect((await read(url!.split('#')[1]!)).status).toBe(404);
    });

    it('an empty name is sent back with words', async () => {
      const res = await asCoordinator.request('POST', '/console/screens', { name: '' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toContain('error=invalid_request');
      const page = await (await asCoordinator.request('GET', res.headers.get('location')!)).text();
      expect(page).toContain('data-error="invalid_request"');
    });

    it('staff without the coordinator’s role get a page in words, and no 公示屏 in the menu', async () => {
      const res = await asDesk.request('GET', '/console/screens');
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('data-error="coordinator_only"');
      const home = await (await asDesk.request('GET', '/console/')).text();
      expect(home).not.toContain('href="/console/screens"');
      const mine = await (await asCoordinator.request('GET', '/console/')).text();
      expect(mine).toContain('href="/console/screens"');
    });
  });
});
