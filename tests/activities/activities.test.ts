/**
 * Activities through the API, the 兴隆 loop (报名 — 服务 — 积分): an organizer publishes a
 * two-hour activity under a rule of 10 points an hour; residents sign up (one added by the
 * organizer); two check in with the rotating code (one first with a code over two minutes old,
 * refused in words), one is ticked by hand; check-out; closing files one claim per attendee for
 * 2 hours, filed by the organizer who therefore cannot approve them; a reviewer approves; each
 * attendee has 20 points, the absentee none; closing again files nothing. Also: the waiting list
 * moves up on a cancel, sign-up closes at the deadline, communities, and bad input stores nothing.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, activityAttendance, claims } from '../../api/db/schema/index.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import {
  ActivityClosed,
  ActivityDetail,
  ActivityList,
  ActivityView,
  AttendanceView,
  CheckinCode,
} from '../../shared/api/activities.ts';
import { MeResponse } from '../../shared/api/resident.ts';
import { PROBLEMS } from '../../shared/problems.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';

interface Resident {
  id: string;
  token: string;
  refreshToken: string;
}

describe('activities: sign-up, check-in and points', () => {
  let api: TestApi;
  let coordinator: string;
  let organizer: string;
  let reviewer: string;
  let a: Resident;
  let b: Resident;
  let c: Resident;
  let d: Resident;
  let outsider: Resident;
  let late: Resident;
  let activity: ActivityView;

  const call = (
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) =>
    api.call(method, path, {
      token,
      ...(body === undefined ? {} : { body }),
      ...(headers ? { headers } : {}),
    });
  const count = async (table: typeof activities | typeof claims | typeof activityAttendance) =>
    Number((await api.database.db.select({ n: sql<number>`count(*)` }).from(table))[0]!.n);
  const code = async (direction: 'in' | 'out', id = activity.id) => {
    const res = await call('GET', `/v1/activities/${id}/checkin-code?direction=${direction}`, organizer);
    expect(res.status, await res.clone().text()).toBe(200);
    return CheckinCode.parse(await res.json());
  };
  const scan = (resident: Resident, token: string) =>
    call(
      'POST',
      `/v1/activities/${activity.id}/attendance`,
      resident.token,
      { token },
      {
        'accept-language': 'zh-CN,zh;q=0.9',
      },
    );
  const balance = async (r: Resident) =>
    MeResponse.parse(await (await call('GET', '/v1/me', r.token)).json()).balance;
  /** Moves the clock and signs everyone in again (access tokens last 15 minutes). */
  const moveTo = async (t: string) => {
    api.clock.set(t);
    coordinator = await api.login();
    organizer = await api.login('org@test.cn', 'staff password 1');
    reviewer = await api.login('rev@test.cn', 'staff password 1');
    for (const r of [a, b, c, d, outsider, late]) {
      const res = await api.call('POST', '/v1/auth/refresh', { body: { refreshToken: r.refreshToken } });
      expect(res.status, await res.clone().text()).toBe(200);
      const tokens = await res.json();
      r.token = tokens.accessToken;
      r.refreshToken = tokens.refreshToken;
    }
  };
  const publishBody = {
    title: '清洁家园',
    ruleCode: 'volunteer',
    place: '兴隆村文化广场',
    startsAt: '2026-11-21T09:00:00+08:00',
    endsAt: '2026-11-21T11:00:00+08:00',
    capacity: 10,
    communities: ['兴隆村'],
    team: '环境整治队',
  };

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-20T02:00:00Z' });
    coordinator = await api.login();
    const invite = async (name: string, email: string, rights: string[]) => {
      const res = await call('POST', '/v1/staff', coordinator, {
        name,
        email,
        password: 'staff password 1',
        rights,
      });
      expect(res.status).toBe(201);
      return api.login(email, 'staff password 1');
    };
    organizer = await invite('活动组织者', 'org@test.cn', ['organizer', 'reviewer']);
    reviewer = await invite('审核员', 'rev@test.cn', ['reviewer']);
    for (const body of [
      {
        code: 'volunteer',
        category: '志愿活动',
        titleZh: '志愿服务',
        kind: 'per_hour',
        pointsPerHour: 10,
        evidence: 'none',
        selfClaim: true,
      },
      {
        code: 'photo',
        category: '志愿活动',
        titleZh: '要照片',
        kind: 'fixed',
        points: 5,
        evidence: 'required',
        selfClaim: true,
      },
      {
        code: 'idea',
        category: '社区公德',
        titleZh: '金点子',
        kind: 'range',
        min: 1,
        max: 9,
        evidence: 'optional',
        selfClaim: true,
      },
    ]) {
      expect((await call('POST', '/v1/rules', coordinator, body)).status).toBe(201);
    }
    const resident = async (name: string): Promise<Resident> => {
      const created = await (await call('POST', '/v1/residents', coordinator, { name })).json();
      const tokens = await (
        await api.call('POST', '/v1/enroll/resident', { body: { code: created.enrollmentCode } })
      ).json();
      return { id: created.id, token: tokens.accessToken, refreshToken: tokens.refreshToken };
    };
    a = await resident('王桂兰');
    b = await resident('李建国');
    c = await resident('张秀英');
    d = await resident('刘德明');
    outsider = await resident('外村人');
    late = await resident('迟到者');
    const household = async (name: string, community: string, memberIds: string[]) =>
      expect((await call('POST', '/v1/households', coordinator, { name, community, memberIds })).status).toBe(
        201,
      );
    await household('王家', '兴隆村', [a.id]);
    await household('外家', '别的村', [outsider.id]);
  });
  afterAll(() => api.close());

  it('bad input is a clear 4xx and stores nothing; only organizers publish', async () => {
    const before = await count(activities);
    const refuse = async (body: unknown, status: number, type: string, token = organizer) => {
      const res = await call('POST', '/v1/activities', token, body);
      expect(res.status, await res.clone().text()).toBe(status);
      expect((await res.json()).type).toBe(type);
    };
    await refuse({ title: '缺字段' }, 400, 'invalid_request');
    await refuse({ ...publishBody, startsAt: '明天早上' }, 400, 'invalid_request');
    await refuse({ ...publishBody, capacity: 0 }, 400, 'invalid_request');
    await refuse({ ...publishBody, endsAt: publishBody.startsAt }, 400, 'invalid_activity_times');
    await refuse(
      { ...publishBody, signupDeadline: '2026-11-21T10:00:00+08:00' },
      400,
      'invalid_activity_times',
    );
    await refuse({ ...publishBody, ruleCode: 'photo' }, 400, 'activity_rule_not_usable');
    await refuse({ ...publishBody, ruleCode: 'idea' }, 400, 'activity_rule_not_usable');
    await refuse({ ...publishBody, ruleCode: 'nope' }, 404, 'rule_not_found');
    await refuse(publishBody, 403, 'forbidden', reviewer);
    await refuse(publishBody, 403, 'forbidden', a.token);
    expect(await count(activities)).toBe(before);
  });

  it('an organizer publishes; residents of the open communities sign up, the organizer adds one without a phone', async () => {
    const res = await call('POST', '/v1/activities', organizer, publishBody);
    expect(res.status, await res.clone().text()).toBe(201);
    activity = ActivityView.parse(await res.json());
    expect(activity).toMatchObject({
      ruleCode: 'volunteer',
      kind: 'per_hour',
      pointsPerHour: 10,
      ruleVersion: 1,
      status: 'open',
      startsAt: '2026-11-21T01:00:00.000Z',
      signupDeadline: '2026-11-21T01:00:00.000Z',
      team: '环境整治队',
    });

    for (const r of [a, b, c]) {
      const s = await call('POST', `/v1/activities/${activity.id}/signups`, r.token, {});
      expect(s.status, await s.clone().text()).toBe(201);
      expect((await s.json()).status).toBe('signed_up');
    }
    // Twice is once.
    const again = await call('POST', `/v1/activities/${activity.id}/signups`, a.token, {});
    expect((await again.json()).status).toBe('signed_up');
    const added = await call('POST', `/v1/activities/${activity.id}/signups`, organizer, {
      residentId: d.id,
    });
    expect(added.status).toBe(201);
    // A resident may not sign up someone else; staff must name the resident.
    expect(
      (await call('POST', `/v1/activities/${activity.id}/signups`, a.token, { residentId: b.id })).status,
    ).toBe(403);
    expect((await call('POST', `/v1/activities/${activity.id}/signups`, organizer, {})).status).toBe(400);
    const elsewhere = await call('POST', `/v1/activities/${activity.id}/signups`, outsider.token, {});
    expect(elsewhere.status).toBe(403);
    expect((await elsewhere.json()).type).toBe('activity_not_open_to_you');

    const list = ActivityList.parse(await (await call('GET', '/v1/activities', a.token)).json());
    expect(list.activities.map((x) => [x.id, x.mySignup, x.signedUp])).toEqual([
      [activity.id, 'signed_up', 4],
    ]);
    const outsiders = ActivityList.parse(await (await call('GET', '/v1/activities', outsider.token)).json());
    expect(outsiders.activities).toEqual([]);
    const detail = ActivityDetail.parse(
      await (await call('GET', `/v1/activities/${activity.id}`, organizer)).json(),
    );
    expect(detail.signups?.map((s) => [s.name, s.status, s.addedByStaff])).toEqual([
      ['王桂兰', 'signed_up', false],
      ['李建国', 'signed_up', false],
      ['张秀英', 'signed_up', false],
      ['刘德明', 'signed_up', true],
    ]);
    // Residents do not see the list.
    const own = await (await call('GET', `/v1/activities/${activity.id}`, a.token)).json();
    expect(own.signups).toBeUndefined();
  });

  it('a full activity keeps a short waiting list that moves up on a cancel', async () => {
    const small = ActivityView.parse(
      await (
        await call('POST', '/v1/activities', organizer, {
          ...publishBody,
          title: '护院巡逻',
          capacity: 1,
          waitlist: 1,
          communities: [],
        })
      ).json(),
    );
    const signUp = async (r: Resident) => call('POST', `/v1/activities/${small.id}/signups`, r.token, {});
    expect((await (await signUp(a)).json()).status).toBe('signed_up');
    expect((await (await signUp(b)).json()).status).toBe('waitlisted');
    const full = await signUp(c);
    expect(full.status).toBe(409);
    expect((await full.json()).type).toBe('activity_full');
    // Open to everyone: the outsider may join this one, but it is full too.
    expect((await (await signUp(outsider)).json()).type).toBe('activity_full');

    expect((await call('DELETE', `/v1/activities/${small.id}/signups/me`, a.token)).status).toBe(204);
    const detail = ActivityDetail.parse(
      await (await call('GET', `/v1/activities/${small.id}`, organizer)).json(),
    );
    expect(detail.signups?.map((s) => [s.name, s.status])).toEqual([
      ['王桂兰', 'cancelled'],
      ['李建国', 'signed_up'],
    ]);
    expect((await (await signUp(c)).json()).status).toBe('waitlisted');
    const twice = await call('DELETE', `/v1/activities/${small.id}/signups/me`, a.token);
    expect(twice.status).toBe(404);
    expect((await twice.json()).type).toBe('signup_not_found');
  });

  it('sign-up closes at the deadline; check-in with the rotating code: an old code is refused in words, a fresh one works, once', async () => {
    await moveTo('2026-11-21T00:58:00Z');
    const old = await code('in');
    expect(old.url).toMatch(
      new RegExp(`/resident/#/checkin/${activity.id}/${old.token.replace('.', '\\.')}$`),
    );
    await moveTo('2026-11-21T01:00:30Z');
    // Sign-up closed at the start (the deadline), for the organizer too.
    const res = await call('POST', `/v1/activities/${activity.id}/signups`, late.token, {});
    expect(res.status).toBe(409);
    expect((await res.json()).type).toBe('signup_closed');
    const byOrganizer = await call('POST', `/v1/activities/${activity.id}/signups`, organizer, {
      residentId: late.id,
    });
    expect(byOrganizer.status).toBe(409);
    const refused = await scan(a, old.token);
    expect(refused.status).toBe(410);
    const problem = await refused.json();
    expect(problem.type).toBe('checkin_code_expired');
    expect(problem.title).toBe(PROBLEMS.checkin_code_expired.zh);

    const tampered = await scan(a, `${old.token.slice(0, -3)}AAA`);
    expect((await tampered.json()).type).toBe('checkin_code_invalid');

    const fresh = await code('in');
    expect(new Date(fresh.expiresAt).getTime() - api.clock.now().getTime()).toBeLessThanOrEqual(60_000);
    const first = await scan(a, fresh.token);
    expect(first.status, await first.clone().text()).toBe(200);
    const inA = AttendanceView.parse(await first.json());
    expect(inA).toMatchObject({ checkedInAt: '2026-11-21T01:00:30.000Z', how: 'qr' });

    // 40 seconds on, the same code still works (it is taken for its step and the next)…
    api.clock.advance(40_000);
    const second = await scan(b, fresh.token);
    expect(second.status).toBe(200);
    // …and checking in twice keeps the first time.
    const twice = AttendanceView.parse(await (await scan(a, fresh.token)).json());
    expect(twice.checkedInAt).toBe(inA.checkedInAt);
    // A check-out before a check-in is refused; a check-in code cannot be used by someone without a place.
    const early = await scan(d, (await code('out')).token);
    expect((await early.json()).type).toBe('not_checked_in');
    expect((await (await scan(late, fresh.token)).json()).type).toBe('not_signed_up');

    // The organizer ticks 张秀英 by hand; a resident may not tick.
    const tick = await call('POST', `/v1/activities/${activity.id}/attendance`, organizer, {
      residentId: c.id,
      direction: 'in',
    });
    expect(tick.status).toBe(200);
    expect(AttendanceView.parse(await tick.json()).how).toBe('hand');
    expect(
      (
        await call('POST', `/v1/activities/${activity.id}/attendance`, a.token, {
          residentId: c.id,
          direction: 'in',
        })
      ).status,
    ).toBe(403);
    const both = await call('POST', `/v1/activities/${activity.id}/attendance`, organizer, {
      token: fresh.token,
      residentId: c.id,
      direction: 'in',
    });
    expect(both.status).toBe(400);
    expect(await count(activityAttendance)).toBe(3);
  });

  it('check-out at the end; closing files one claim per attendee the organizer cannot approve', async () => {
    await moveTo('2026-11-21T03:00:00Z');
    const out = await code('out');
    for (const r of [a, b]) expect((await scan(r, out.token)).status).toBe(200);

    // Hours beyond the activity's length are refused, and nothing is filed.
    const tooLong = await call('POST', `/v1/activities/${activity.id}/close`, organizer, {
      attendees: [{ residentId: a.id, hours: 3 }],
    });
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).type).toBe('invalid_attendee_hours');
    expect(await count(claims)).toBe(0);

    // The rule changes after publishing: the activity's claims keep the version it was published under.
    const rules = await (await call('GET', '/v1/rules', coordinator)).json();
    const volunteer = rules.rules.find((r: { code: string }) => r.code === 'volunteer');
    expect(
      (await call('PATCH', `/v1/rules/${volunteer.id}`, coordinator, { pointsPerHour: 15 })).status,
    ).toBe(200);

    // No body is an empty one.
    const res = await api.call('POST', `/v1/activities/${activity.id}/close`, { token: organizer });
    expect(res.status, await res.clone().text()).toBe(200);
    const closed = ActivityClosed.parse(await res.json());
    expect(closed.outcome).toBe('closed');
    expect(closed.claims.map((x) => [x.residentId, x.hours, x.points, x.status]).sort()).toEqual(
      [a, b, c].map((r) => [r.id, 2, 20, 'submitted']).sort(),
    );
    expect(closed).toMatchObject({ signedUp: 4, attended: 3, attendanceRate: 75 });
    const [row] = await api.database.db.select().from(activities).where(eq(activities.id, activity.id));
    expect(row).toMatchObject({ status: 'closed', attendanceRate: 75, signedUpCount: 4, attendedCount: 3 });

    // Closing again files nothing more and answers the same claims.
    const again = ActivityClosed.parse(
      await (await call('POST', `/v1/activities/${activity.id}/close`, organizer, {})).json(),
    );
    expect(again.outcome).toBe('already_closed');
    expect(again.claims.map((x) => x.claimId).sort()).toEqual(closed.claims.map((x) => x.claimId).sort());
    expect(await count(claims)).toBe(3);
    // A closed activity takes no more check-ins.
    expect((await (await scan(a, out.token)).json()).type).toBe('activity_closed');

    const own = await call('POST', `/v1/claims/${closed.claims[0]!.claimId}/decisions`, organizer, {
      decision: 'approve',
    });
    expect(own.status).toBe(403);
    expect((await own.json()).type).toBe('own_claim');

    for (const x of closed.claims) {
      const ok = await call('POST', `/v1/claims/${x.claimId}/decisions`, reviewer, { decision: 'approve' });
      expect(ok.status, await ok.clone().text()).toBe(200);
      expect((await ok.json()).status).toBe('approved');
    }
    for (const r of [a, b, c]) expect(await balance(r)).toBe(20);
    expect(await balance(d)).toBe(0);
    expect(await checkLedger(api.database.db)).toEqual([]);
  });

  it('a fixed rule gives its points to each attendee the organizer confirms; an activity cannot close before it starts', async () => {
    expect(
      (
        await call('POST', '/v1/rules', coordinator, {
          code: 'cleanup',
          category: '志愿活动',
          titleZh: '清洁家园',
          kind: 'fixed',
          points: 30,
          evidence: 'optional',
          selfClaim: false,
        })
      ).status,
    ).toBe(201);
    const fixed = ActivityView.parse(
      await (
        await call('POST', '/v1/activities', organizer, {
          ...publishBody,
          ruleCode: 'cleanup',
          startsAt: '2026-11-21T13:00:00+08:00',
          endsAt: '2026-11-21T14:00:00+08:00',
        })
      ).json(),
    );
    expect(fixed).toMatchObject({ kind: 'fixed', points: 30, pointsPerHour: null });
    expect((await call('POST', `/v1/activities/${fixed.id}/signups`, a.token, {})).status).toBe(201);
    expect((await call('POST', `/v1/activities/${fixed.id}/signups`, b.token, {})).status).toBe(201);
    const early = await call('POST', `/v1/activities/${fixed.id}/close`, organizer, {});
    expect((await early.json()).type).toBe('activity_not_started');

    await moveTo('2026-11-21T05:30:00Z');
    const quarter = await call('POST', `/v1/activities/${fixed.id}/close`, organizer, {
      attendees: [{ residentId: a.id, hours: 0.25 }],
    });
    expect((await quarter.json()).type).toBe('invalid_attendee_hours');
    const res = await call('POST', `/v1/activities/${fixed.id}/close`, organizer, {
      attendees: [
        { residentId: a.id, hours: 1 },
        { residentId: c.id, hours: 0 },
      ],
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const closed = ActivityClosed.parse(await res.json());
    expect(closed.claims.map((x) => [x.residentId, x.hours, x.points])).toEqual([[a.id, null, 30]]);
    expect(closed).toMatchObject({ signedUp: 2, attended: 1, attendanceRate: 50 });
  });
});
