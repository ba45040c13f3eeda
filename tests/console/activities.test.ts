/**
 * The organizer's console pages for activities: publishing from a form in the alliance's local
 * time, the sign-up list, signing up a resident without a phone, the check-in QR page and its
 * ever-new image, ticking by hand, closing with confirmed hours (claims for review), refusals in
 * words, and every word Chinese on the zh-CN pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { latinWords, visibleText } from '../helpers/zh-sweep.ts';

describe('console: activities for organizers', () => {
  let api: TestApi;
  const session = consoleSession(() => api.app);
  const request = session.request;
  let coordinator = '';
  let activityId = '';
  const residents: Record<string, { id: string; token: string; refreshToken: string }> = {};
  const page = async (path: string) => {
    const res = await request('GET', path);
    expect(res.status, path).toBe(200);
    return res.text();
  };

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-20T02:00:00Z' });
    coordinator = await api.login();
    const rule = await api.call('POST', '/v1/rules', {
      token: coordinator,
      body: {
        code: 'volunteer',
        category: '志愿活动',
        titleZh: '志愿服务',
        kind: 'per_hour',
        pointsPerHour: 10,
        evidence: 'none',
        selfClaim: true,
      },
    });
    expect(rule.status).toBe(201);
    for (const name of ['王桂兰', '李建国', '赵大爷']) {
      const created = await (
        await api.call('POST', '/v1/residents', { token: coordinator, body: { name } })
      ).json();
      const tokens = await (
        await api.call('POST', '/v1/enroll/resident', { body: { code: created.enrollmentCode } })
      ).json();
      residents[name] = { id: created.id, token: tokens.accessToken, refreshToken: tokens.refreshToken };
    }
    const staff = await api.call('POST', '/v1/staff', {
      token: coordinator,
      body: { name: '普通工作人员', email: 'plain@test.cn', password: 'staff password 1', rights: [] },
    });
    expect(staff.status).toBe(201);
    const res = await request('POST', '/console/login', {
      email: ADMIN.email,
      password: ADMIN.password,
      next: '/console/',
    });
    expect(res.status).toBe(303);
  });
  afterAll(() => api.close());

  it('publishes from the form in local time; a bad form is refused in words and stores nothing', async () => {
    const list = await page('/console/activities');
    expect(list).toContain('发布活动');
    expect(list).toContain('志愿服务 · 每小时 10 分');
    const form = {
      title: '清洁家园',
      ruleCode: 'volunteer',
      place: '兴隆村文化广场',
      day: '2026-11-21',
      starts: '09:00',
      ends: '11:00',
      capacity: '2',
      waitlist: '1',
      team: '环境整治队',
    };
    for (const bad of [
      { ...form, title: '' },
      { ...form, starts: '9点' },
      { ...form, ends: '08:00' },
      { ...form, capacity: '0' },
      { ...form, ruleCode: 'nope' },
    ]) {
      const res = await request('POST', '/console/activities', bad);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toContain('error');
      const shown = await page(res.headers.get('location')!);
      expect(shown).toContain('role="alert"');
    }
    expect(await page('/console/activities')).not.toContain('data-activity=');

    const res = await request('POST', '/console/activities', form);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    activityId = /\/console\/activities\/([0-9a-f-]{36})\?published=1/.exec(location)![1]!;
    const detail = await page(location);
    expect(detail).toContain('活动已发布');
    expect(detail).toContain('2026-11-21 09:00–11:00');
    expect(detail).toContain('兴隆村文化广场');
    expect(detail).toContain('环境整治队');
    const view = await (await api.call('GET', `/v1/activities/${activityId}`, { token: coordinator })).json();
    expect(view.startsAt).toBe('2026-11-21T01:00:00.000Z');
    expect(view.endsAt).toBe('2026-11-21T03:00:00.000Z');
    expect(view.capacity).toBe(2);
  });

  it('signs up a resident without a phone found by name; residents sign up themselves; the list says who', async () => {
    const found = await page(`/console/activities/${activityId}?q=${encodeURIComponent('赵大爷')}`);
    expect(found).toContain(`data-add="${residents.赵大爷!.id}"`);
    const add = await request('POST', `/console/activities/${activityId}/signups`, {
      residentId: residents.赵大爷!.id,
    });
    expect(add.status).toBe(303);
    for (const name of ['王桂兰', '李建国']) {
      const res = await api.call('POST', `/v1/activities/${activityId}/signups`, {
        token: residents[name]!.token,
        body: {},
      });
      expect(res.status).toBe(201);
    }
    const detail = await page(`/console/activities/${activityId}`);
    expect(detail).toMatch(new RegExp(`data-resident="${residents.赵大爷!.id}" data-state="signed_up"`));
    expect(detail).toContain('工作人员代报名');
    // Two places: the third in line waits.
    expect(detail).toMatch(new RegExp(`data-resident="${residents.李建国!.id}" data-state="waitlisted"`));
    expect(detail).toContain('候补第 3 位');
    const again = await page(`/console/activities/${activityId}?q=${encodeURIComponent('赵大爷')}`);
    expect(again).toContain('已在名单上');
  });

  it('the QR page shows a code holding the resident-app URL, and its image is new on every ask and never cached', async () => {
    const qr = await page(`/console/activities/${activityId}/qr?direction=in`);
    const url = /data-url="([^"]+)"/.exec(qr)![1]!;
    expect(url).toMatch(new RegExp(`/resident/#/checkin/${activityId}/i\\d+\\.[A-Za-z0-9_-]{22}$`));
    expect(qr).toContain('/console/activities/qr.js');
    expect(qr).toContain('每 30 秒更换');
    const svg = await request('GET', `/console/activities/${activityId}/qr.svg?direction=out`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(svg.headers.get('cache-control')).toBe('no-store');
    expect(await svg.text()).toContain('<svg');
    const script = await request('GET', '/console/activities/qr.js');
    expect(script.headers.get('content-type')).toContain('javascript');

    // The resident scans it at the venue (the clock at the start).
    api.clock.set('2026-11-21T01:05:00Z');
    const fresh = await page(`/console/activities/${activityId}/qr?direction=in`);
    const token = /data-url="[^"]+\/([io]\d+\.[A-Za-z0-9_-]{22})"/.exec(fresh)![1]!;
    const refreshed = await (
      await api.call('POST', '/v1/auth/refresh', { body: { refreshToken: residents.王桂兰!.refreshToken } })
    ).json();
    const wang = await api.call('POST', `/v1/activities/${activityId}/attendance`, {
      token: refreshed.accessToken,
      body: { token },
    });
    expect(wang.status, await wang.clone().text()).toBe(200);
  });

  it('ticks by hand, refuses to close before the start, then closes with the confirmed hours', async () => {
    const zhao = residents.赵大爷!.id;
    expect(
      (
        await request('POST', `/console/activities/${activityId}/attendance`, {
          residentId: zhao,
          direction: 'in',
        })
      ).status,
    ).toBe(303);
    let detail = await page(`/console/activities/${activityId}`);
    expect(detail).toContain(`data-tick="out"`);
    const bad = await request('POST', `/console/activities/${activityId}/attendance`, {
      residentId: zhao,
      direction: 'sideways',
    });
    expect(bad.headers.get('location')).toContain('error');

    api.clock.set('2026-11-21T03:10:00Z');
    detail = await page(`/console/activities/${activityId}`);
    const wang = residents.王桂兰!.id;
    expect(detail).toContain(`name="hours:${wang}"`);
    expect(detail).toMatch(new RegExp(`name="hours:${zhao}"[^>]*value="2"`));
    const tooLong = await request('POST', `/console/activities/${activityId}/close`, {
      [`hours:${wang}`]: '3',
      [`hours:${zhao}`]: '2',
    });
    expect(tooLong.headers.get('location')).toContain('error=invalid_attendee_hours');
    expect(await page(`/console/activities/${activityId}`)).toContain('data-status="open"');

    const closed = await request('POST', `/console/activities/${activityId}/close`, {
      [`hours:${wang}`]: '2',
      [`hours:${zhao}`]: '1.5',
    });
    expect(closed.status).toBe(303);
    detail = await page(closed.headers.get('location')!);
    expect(detail).toContain('提交了 2 份积分申报');
    expect(detail).toContain('到场率 100%');
    coordinator = await api.login();
    const queue = await (await api.call('GET', '/v1/claims?status=submitted', { token: coordinator })).json();
    const points = queue.claims.map((c: { points: number }) => c.points).sort();
    expect(points).toEqual([15, 20]);
  });

  it('staff without the organizer right get a page in words; every word on the zh-CN pages is Chinese', async () => {
    for (const path of [
      '/console/activities',
      `/console/activities/${activityId}`,
      `/console/activities/${activityId}?q=${encodeURIComponent('王')}`,
    ]) {
      expect(latinWords(visibleText(await page(path))), path).toEqual([]);
    }
    session.clear();
    await request('POST', '/console/login', {
      email: 'plain@test.cn',
      password: 'staff password 1',
      next: '/',
    });
    const res = await request('GET', '/console/activities');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('role="alert"');
    expect(await page('/console/')).not.toContain('href="/console/activities"');
  });
});
