/**
 * Rankings (issue #17, docs/rankings.md): a month of earning built through the API — grants,
 * approved claims, deductions against residents and against a household, an upheld appeal's
 * restore, ties reached at different times, transfers just outside the month — and every rank of
 * every ranking checked against an independent computation from the events the test made: for
 * residents and households, alliance-wide and per community, for the month and a day, a week and
 * the year. Residents see names masked and their own line; staff see full names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../api/ledger/check.ts';
import { RankingsResponse } from '../../shared/api/rankings.ts';
import { maskName } from '../../shared/text.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { createResident } from '../helpers/world.ts';

/** One counted movement as the test made it, and whom it counts for in each scope. */
interface Event {
  at: Date;
  points: number;
  /** The resident it counts for in the residents scope (null: a household's, naming nobody). */
  residentId: string | null;
  /** The household whose account it moved (null: a resident without a household). */
  householdId: string | null;
}

interface Person {
  id: string;
  token: string;
  name: string;
  householdId: string | null;
}

const SH = 8 * 3600_000;
/** An instant given as Shanghai wall time "2026-11-03 10:00". */
const local = (wall: string) => new Date(Date.parse(`${wall.replace(' ', 'T')}:00Z`) - SH);

describe('rankings of points earned', () => {
  let api: TestApi;
  let coordinator: string;
  let reviewer: string;
  const people: Record<string, Person> = {};
  const households: Record<string, { id: string; name: string; community: string }> = {};
  const events: Event[] = [];
  let seq = 0;

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
  const ok = async (res: Response, status = [200, 201]) => {
    expect(status, await res.clone().text()).toContain(res.status);
    return res.json();
  };

  /** Moves the clock to the wall time and signs the staff in again (tokens last minutes). */
  const now = async (wall: string) => {
    api.clock.set(local(wall));
    coordinator = await api.login();
    reviewer = await api.login('r@test.cn', 'staff password 1');
  };
  /** A resident's token now: a new enrollment code, enrolled at once. */
  const tokenOf = async (who: string) => {
    const slip = await ok(
      await call('POST', `/v1/residents/${people[who]!.id}/enrollment-code`, coordinator),
    );
    const tokens = await ok(
      await api.call('POST', '/v1/enroll/resident', { body: { code: slip.enrollmentCode } }),
    );
    return tokens.accessToken as string;
  };

  const grant = async (who: string, points: number, wall: string) => {
    const p = people[who]!;
    await now(wall);
    await ok(
      await call(
        'POST',
        '/v1/grants',
        coordinator,
        { residentId: p.id, points, reason: '表彰' },
        {
          'idempotency-key': `rank-grant-${++seq}`,
        },
      ),
    );
    // A grant to a household member lands on the household's account without naming the member.
    events.push({
      at: local(wall),
      points,
      residentId: p.householdId ? null : p.id,
      householdId: p.householdId,
    });
  };

  const claim = async (who: string, points: number, wall: string) => {
    const p = people[who]!;
    await now(wall);
    const filed = await ok(
      await call(
        'POST',
        '/v1/claims',
        coordinator,
        { ruleCode: 'help', occurredOn: wall.slice(0, 10), residentId: p.id },
        { 'idempotency-key': `rank-claim-${++seq}` },
      ),
    );
    await ok(
      await call('POST', `/v1/claims/${filed.id}/decisions`, reviewer, { decision: 'approve', points }),
    );
    events.push({ at: local(wall), points, residentId: p.id, householdId: p.householdId });
  };

  /** A deduction against a resident (or, with `household`, against the whole household). */
  const deduct = async (target: { who?: string; household?: string }, points: number, wall: string) => {
    await now(wall);
    const p = target.who ? people[target.who]! : undefined;
    const householdId = p ? p.householdId : households[target.household!]!.id;
    const d = await ok(
      await call('POST', '/v1/deductions', coordinator, {
        ...(p ? { residentId: p.id } : { householdId }),
        ruleCode: 'litter',
        points,
      }),
    );
    expect(d.takenPoints).toBe(points);
    events.push({ at: local(wall), points: -points, residentId: p?.id ?? null, householdId });
    return d.id as string;
  };

  const restore = async (who: string, deductionId: string, points: number, wall: string) => {
    const p = people[who]!;
    await now(wall);
    await ok(
      await call('POST', `/v1/deductions/${deductionId}/appeal`, await tokenOf(who), { note: '不是我' }),
    );
    await ok(
      await call('POST', `/v1/deductions/${deductionId}/appeal/decision`, reviewer, {
        uphold: true,
        reason: '核实撤销',
      }),
    );
    events.push({ at: local(wall), points, residentId: p.id, householdId: p.householdId });
  };

  /**
   * The independent computation: each holder's total in [start, end) and the instant they reached
   * it (the last instant their running total changed; null when it never did), ranked by points,
   * then that instant (null first), then id.
   */
  const expected = (
    scope: 'residents' | 'households',
    start: Date,
    end: Date,
    community?: string,
  ): { id: string; name: string; points: number }[] => {
    const byHolder = new Map<string, Map<number, number>>();
    for (const e of events) {
      if (e.at < start || e.at >= end) continue;
      const holder = scope === 'residents' ? e.residentId : e.householdId;
      if (!holder) continue;
      if (community !== undefined) {
        const householdId =
          scope === 'households' ? holder : Object.values(people).find((p) => p.id === holder)!.householdId;
        const h = Object.values(households).find((x) => x.id === householdId);
        if (h?.community !== community) continue;
      }
      const instants = byHolder.get(holder) ?? new Map<number, number>();
      instants.set(e.at.getTime(), (instants.get(e.at.getTime()) ?? 0) + e.points);
      byHolder.set(holder, instants);
    }
    const lines = [...byHolder].map(([id, instants]) => {
      let running = 0;
      let reached: number | null = null;
      for (const [t, change] of [...instants].sort((a, b) => a[0] - b[0])) {
        if (change !== 0) reached = t;
        running += change;
      }
      const name =
        scope === 'residents'
          ? Object.values(people).find((p) => p.id === id)!.name
          : Object.values(households).find((h) => h.id === id)!.name;
      return { id, name, points: running, reached };
    });
    lines.sort(
      (a, b) =>
        b.points - a.points ||
        (a.reached ?? Number.NEGATIVE_INFINITY) - (b.reached ?? Number.NEGATIVE_INFINITY) ||
        (a.id < b.id ? -1 : 1),
    );
    return lines;
  };

  const ask = async (token: string, query: Record<string, string | number>) => {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    const res = await call('GET', `/v1/rankings?${qs}`, token);
    expect(res.status, await res.clone().text()).toBe(200);
    return RankingsResponse.parse(await res.json());
  };

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-10-01T02:00:00Z' });
    coordinator = await api.login();
    await ok(
      await call('POST', '/v1/staff', coordinator, {
        name: '审核员',
        email: 'r@test.cn',
        password: 'staff password 1',
        rights: ['reviewer'],
      }),
    );
    reviewer = await api.login('r@test.cn', 'staff password 1');
    await ok(
      await call('POST', '/v1/rules', coordinator, {
        code: 'help',
        category: '志愿活动',
        titleZh: '邻里互助',
        kind: 'range',
        min: 1,
        max: 50,
        evidence: 'none',
        selfClaim: true,
      }),
    );
    await ok(
      await call('POST', '/v1/rules', coordinator, {
        code: 'litter',
        category: '扣分',
        titleZh: '乱堆乱放',
        kind: 'deduction',
        points: 5,
        evidence: 'none',
        selfClaim: false,
      }),
    );
    const names = ['王桂兰', '王小明', '李四海', '李梅', '张三丰', '张伟', '赵六', '孙七七', '周八'];
    for (const name of names) {
      const r = await createResident(api, coordinator, name, 0);
      people[name] = { id: r.id, token: r.token, name, householdId: null };
    }
    const house = async (name: string, community: string, members: string[]) => {
      const h = await ok(
        await call('POST', '/v1/households', coordinator, {
          name,
          doorNumber: `${community} ${Object.keys(households).length + 1}号`,
          community,
          grid: `${community}一组`,
          memberIds: members.map((m) => people[m]!.id),
        }),
      );
      households[name] = { id: h.id, name, community };
      for (const m of members) people[m]!.householdId = h.id;
    };
    await house('王家大院', '东村', ['王桂兰', '王小明']);
    await house('李家小院', '东村', ['李四海', '李梅']);
    await house('张家老宅', '西村', ['张三丰', '张伟']);
    // 赵六, 孙七七 and 周八 have no household: their own accounts, alliance-wide rankings only.

    // October: outside the month (but in the year).
    await grant('赵六', 100, '2026-10-20 09:00');
    await claim('王桂兰', 40, '2026-10-31 23:59');
    // November.
    await claim('王桂兰', 20, '2026-11-02 09:00');
    await claim('王小明', 30, '2026-11-02 10:00');
    await claim('李四海', 30, '2026-11-03 10:00'); // ties 王小明 at 30, reached later
    await grant('赵六', 30, '2026-11-03 11:00'); // ties too, later still
    await grant('王小明', 15, '2026-11-04 09:00'); // the household's, not 王小明's
    await claim('张三丰', 50, '2026-11-05 09:00');
    const d1 = await deduct({ who: '张三丰' }, 5, '2026-11-06 09:00');
    await claim('张伟', 45, '2026-11-06 10:00'); // 45: ties 张三丰 after the deduction
    await restore('张三丰', d1, 5, '2026-11-09 08:00'); // back to 50: reached again on the 9th
    await claim('李梅', 10, '2026-11-10 09:00');
    await deduct({ household: '李家小院' }, 5, '2026-11-10 10:00'); // the household's only
    await claim('孙七七', 20, '2026-11-11 09:00');
    await claim('周八', 20, '2026-11-11 09:00'); // same instant, same points as 孙七七: id decides
    await claim('王桂兰', 10, '2026-11-16 09:00'); // a Monday: another week
    await deduct({ who: '王桂兰' }, 5, '2026-11-16 15:00');
    await claim('李梅', 25, '2026-11-30 23:30'); // the month's last half hour
    // December: outside the month.
    await claim('李四海', 40, '2026-12-01 00:10');
    await now('2026-12-02 09:00');
  }, 120_000);
  afterAll(() => api.close());

  const month = { start: local('2026-11-01 00:00'), end: local('2026-12-01 00:00') };
  const cases: {
    label: string;
    period: 'day' | 'week' | 'month' | 'year';
    at: string;
    start: Date;
    end: Date;
  }[] = [
    { label: 'November', period: 'month', at: '2026-11-18', ...month },
    {
      label: '2026-11-06',
      period: 'day',
      at: '2026-11-06',
      start: local('2026-11-06 00:00'),
      end: local('2026-11-07 00:00'),
    },
    {
      label: 'the week of Monday 2026-11-02',
      period: 'week',
      at: '2026-11-08',
      start: local('2026-11-02 00:00'),
      end: local('2026-11-09 00:00'),
    },
    {
      label: '2026',
      period: 'year',
      at: '2026-03-01',
      start: local('2026-01-01 00:00'),
      end: local('2027-01-01 00:00'),
    },
  ];

  it('the ledger the rankings read is sound', async () => {
    expect(await checkLedger(api.database.db)).toEqual([]);
  });

  for (const c of cases) {
    for (const scope of ['residents', 'households'] as const) {
      for (const community of [undefined, '东村', '西村']) {
        it(`${scope}, ${community ?? 'alliance-wide'}, ${c.label}: every rank as computed independently`, async () => {
          const want = expected(scope, c.start, c.end, community);
          if (c.period !== 'day') expect(want.length).toBeGreaterThan(0);
          const got = await ask(coordinator, {
            period: c.period,
            at: c.at,
            scope,
            limit: 100,
            ...(community ? { communityId: community } : {}),
          });
          expect(got.me).toBeUndefined();
          expect(got.rankings).toEqual(want.map((w, i) => ({ rank: i + 1, name: w.name, points: w.points })));
        });
      }
    }
  }

  it('the month has the ties the test means to check', () => {
    const want = expected('residents', month.start, month.end);
    const points = want.map((w) => w.points);
    // 王小明, 李四海 and 赵六 at 30, reached in that order; 孙七七 and 周八 at 20 at the same instant.
    expect(want.filter((w) => w.points === 30).map((w) => w.name)).toEqual(['王小明', '李四海', '赵六']);
    expect(new Set(points).size).toBeLessThan(points.length);
  });

  it('ties go to whoever reached the total first, a restore moving the moment', async () => {
    const got = await ask(coordinator, {
      period: 'month',
      at: '2026-11-01',
      scope: 'residents',
      communityId: '西村',
    });
    // 张三丰 reached 50 on the 5th, fell to 45 on the 6th and was back at 50 on the 9th; 张伟 has 45.
    expect(got.rankings).toEqual([
      { rank: 1, name: '张三丰', points: 50 },
      { rank: 2, name: '张伟', points: 45 },
    ]);
    const day9 = await ask(coordinator, { period: 'day', at: '2026-11-09', scope: 'residents' });
    expect(day9.rankings).toEqual([{ rank: 1, name: '张三丰', points: 5 }]);
  });

  it('residents see masked names and their own rank, also outside the top N', async () => {
    const want = expected('residents', month.start, month.end);
    const last = want.at(-1)!;
    const asker = Object.values(people).find((p) => p.id === last.id)!;
    const got = await ask(await tokenOf(asker.name), {
      period: 'month',
      at: '2026-11-18',
      scope: 'residents',
      limit: 3,
    });
    expect(got.rankings).toEqual(
      want.slice(0, 3).map((w, i) => ({ rank: i + 1, name: maskName(w.name), points: w.points })),
    );
    expect(got.rankings.some((l) => l.name === want[0]!.name)).toBe(false);
    expect(got.me).toEqual({ rank: want.length, points: last.points });

    // In the households scope `me` is the household's line.
    const houses = expected('households', month.start, month.end, '东村');
    const wang = people['王小明']!;
    const mine = await ask(await tokenOf('王小明'), {
      period: 'month',
      at: '2026-11-18',
      scope: 'households',
      communityId: '东村',
      limit: 1,
    });
    const at = houses.findIndex((h) => h.id === wang.householdId);
    expect(mine.me).toEqual({ rank: at + 1, points: houses[at]!.points });
    expect(mine.rankings).toEqual([{ rank: 1, name: maskName(houses[0]!.name), points: houses[0]!.points }]);

    // Nothing earned in the period (or not of the community): present, without a rank.
    const quiet = await ask(await tokenOf('周八'), { period: 'day', at: '2026-11-02', scope: 'residents' });
    expect(quiet.me).toEqual({ rank: null, points: 0 });
    const elsewhere = await ask(await tokenOf('周八'), {
      period: 'month',
      at: '2026-11-18',
      scope: 'households',
    });
    expect(elsewhere.me).toEqual({ rank: null, points: 0 });
  });

  it('the top N defaults to 20 and stops at 100; the period defaults to this month', async () => {
    const dflt = await ask(coordinator, { scope: 'residents', at: '2026-11-18' });
    expect(dflt.rankings).toHaveLength(expected('residents', month.start, month.end).length);
    expect((await call('GET', '/v1/rankings?limit=101', coordinator)).status).toBe(400);
    expect((await call('GET', '/v1/rankings?period=fortnight', coordinator)).status).toBe(400);
    expect((await call('GET', '/v1/rankings?at=2026-13-01', coordinator)).status).toBe(400);
    // Asked on 2 December without `at`: December so far (李四海's claim just after midnight).
    const december = await ask(coordinator, { scope: 'residents' });
    expect(december.rankings).toEqual([{ rank: 1, name: '李四海', points: 40 }]);
  });
});
