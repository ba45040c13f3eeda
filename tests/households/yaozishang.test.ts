/**
 * The 窑子上 scenario of issue #16, through the API: 103 households with door plates in three
 * grids; a 10-item template (kept 1, lost 0) with a bonus section capped at 10; four weekly checks
 * in November by three inspectors, each limited to their grid, some items failing in some weeks,
 * bonus items marked on checks and bonus points from approved volunteering claims; a deduction;
 * the month closed. Every household's score equals the rule computed here on its own, the points
 * are posted once (closing again changes nothing), and the ledger check is clean.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoringSheets, transfers } from '../../api/db/schema/index.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import {
  HouseholdView,
  InspectionView,
  ScoringNotice,
  SheetList,
  TemplateView,
} from '../../shared/api/households.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';

const HOUSEHOLDS = 103;
const ITEMS = [
  'weisheng',
  'lvhua',
  'zhixu',
  'menqian',
  'duifang',
  'tiexiao',
  'shebei',
  'cheliang',
  'chongwu',
  'anquan',
];
const GRIDS = ['一网格', '二网格', '三网格'];
/** The Tuesdays of November 2026, one in each ISO week. */
const CHECK_DAYS = ['2026-11-03', '2026-11-10', '2026-11-17', '2026-11-24'];

/** Whether household n's item i passed in week w: some fail in some weeks, most pass. */
const passes = (n: number, w: number, i: number) => (n * 7 + w * 13 + i * 5) % 17 !== 0;
/** Bonus item "idea" (2 points) marked done on a check. */
const ideaDone = (n: number, w: number) => (n + w) % 9 === 0;
/** Bonus item "clean-up" (3 points) marked done on a check: often, so some hit the cap. */
const cleanupDone = (n: number, w: number) => n % 4 === 0 && w !== 1;
/** Households whose member did approved volunteering (one claim each, 1 bonus point a claim). */
const VOLUNTEERS = [0, 4, 8, 12, 50, 101];
const DEDUCTED = 7;
const DEDUCTION_POINTS = 3;

describe('窑子上: a month of weekly checks, closed into points', () => {
  let api: TestApi;
  let coordinator: string;
  let template: TemplateView;
  const inspectors: { email: string; token: string }[] = [];
  const households: HouseholdView[] = [];
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
  const relogin = async () => {
    coordinator = await api.login();
    for (const i of inspectors) i.token = await api.login(i.email, 'inspector password 1');
  };

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-01T01:00:00Z' });
    coordinator = await api.login();
    for (const [k, grid] of GRIDS.entries()) {
      const email = `inspector${k}@test.cn`;
      const res = await call('POST', '/v1/staff', coordinator, {
        name: `督导员${k + 1}`,
        email,
        password: 'inspector password 1',
        rights: ['inspector'],
        areas: [grid],
      });
      expect(res.status, await res.clone().text()).toBe(201);
      inspectors.push({ email, token: await api.login(email, 'inspector password 1') });
    }
  }, 60_000);
  afterAll(() => api.close());

  it('a 10-item template kept 1 / lost 0 with a bonus section capped at 10', async () => {
    const res = await call('POST', '/v1/inspection-templates', coordinator, {
      name: '门前三包',
      items: ITEMS.map((code, i) => ({ code, title: `项目${i + 1}`, kept: 1, lost: 0 })),
      bonus: {
        cap: 10,
        items: [
          { code: 'volunteer', title: '志愿服务', points: 1, claimCategory: '志愿活动' },
          { code: 'idea', title: '建言献策', points: 2 },
          { code: 'cleanup', title: '社区活动', points: 3 },
        ],
      },
      monthRule: 'every_check',
      frequency: 'weekly',
    });
    expect(res.status, await res.clone().text()).toBe(201);
    template = TemplateView.parse(await res.json());
    const list = await (await call('GET', '/v1/inspection-templates', inspectors[0]!.token)).json();
    expect(list.templates.map((t: TemplateView) => t.id)).toContain(template.id);
  });

  it('103 households with door plates, in three grids', async () => {
    for (let n = 0; n < HOUSEHOLDS; n++) {
      const memberIds: string[] = [];
      if (VOLUNTEERS.includes(n)) {
        const r = await (await call('POST', '/v1/residents', coordinator, { name: `院主${n}` })).json();
        memberIds.push(r.id);
      }
      const res = await call('POST', '/v1/households', coordinator, {
        name: `${n + 1}号院`,
        doorNumber: `窑子上 ${n + 1}号`,
        community: '窑子上',
        grid: GRIDS[n % 3],
        ...(memberIds.length ? { memberIds } : {}),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const h = HouseholdView.parse(await res.json());
      expect(h.plateUrl).toMatch(/^http:\/\/localhost\/inspect\/[A-Za-z0-9_-]{22}$/);
      expect(h.plateUrl).not.toContain(h.id);
      households.push(h);
    }
    const found = await (
      await call('GET', `/v1/households?door=${encodeURIComponent('窑子上 17号')}`, coordinator)
    ).json();
    expect(found.households.map((h: HouseholdView) => h.doorNumber)).toEqual(['窑子上 17号']);
    // An inspector sees only their grid.
    const mine = await (await call('GET', '/v1/households?limit=500', inspectors[1]!.token)).json();
    expect(mine.households).toHaveLength(households.filter((h) => h.grid === GRIDS[1]).length);
  }, 120_000);

  it('volunteering claims approved in November, and a deduction', async () => {
    const rule = await call('POST', '/v1/rules', coordinator, {
      code: 'volunteer-hour',
      category: '志愿活动',
      titleZh: '志愿服务',
      kind: 'fixed',
      points: 2,
      evidence: 'none',
      selfClaim: true,
    });
    expect(rule.status).toBe(201);
    api.clock.set('2026-11-12T03:00:00Z');
    await relogin();
    for (const n of VOLUNTEERS) {
      const member = households[n]!.members[0]!;
      // Filed at the counter by an inspector (a staff member), approved by the coordinator.
      const filed = await call(
        'POST',
        '/v1/claims',
        inspectors[0]!.token,
        { residentId: member.id, ruleCode: 'volunteer-hour', occurredOn: '2026-11-11' },
        { 'idempotency-key': `claim-${n}-key` },
      );
      expect(filed.status, await filed.clone().text()).toBe(201);
      const { id } = await filed.json();
      const approved = await call('POST', `/v1/claims/${id}/decisions`, coordinator, { decision: 'approve' });
      expect(approved.status, await approved.clone().text()).toBe(200);
    }
    const deductionRule = await call('POST', '/v1/rules', coordinator, {
      code: 'litter',
      category: '扣分',
      titleZh: '乱堆乱放',
      kind: 'deduction',
      points: 5,
      evidence: 'none',
      selfClaim: false,
    });
    expect(deductionRule.status).toBe(201);
    const deducted = await call('POST', '/v1/deductions', coordinator, {
      householdId: households[DEDUCTED]!.id,
      ruleCode: 'litter',
      points: DEDUCTION_POINTS,
    });
    expect(deducted.status, await deducted.clone().text()).toBe(201);
  }, 60_000);

  it('four weekly checks by three inspectors, each only in their grid', async () => {
    for (const [w, day] of CHECK_DAYS.entries()) {
      api.clock.set(`${day}T02:00:00Z`);
      await relogin();
      for (const [n, h] of households.entries()) {
        const inspector = inspectors[n % 3]!;
        const items = [
          ...ITEMS.map((code, i) => ({ code, ok: passes(n, w, i) })),
          ...(ideaDone(n, w) ? [{ code: 'idea', ok: true }] : []),
          ...(cleanupDone(n, w) ? [{ code: 'cleanup', ok: true }] : []),
        ];
        // Half by the plate they scanned, half by the household's id.
        const token = h.plateUrl!.split('/').at(-1)!;
        const res = await call(
          'POST',
          '/v1/inspections',
          inspector.token,
          { ...(n % 2 ? { plateToken: token } : { householdId: h.id }), templateId: template.id, items },
          { 'idempotency-key': `check-${w}-${n}-${++seq}` },
        );
        expect(res.status, await res.clone().text()).toBe(201);
        expect(InspectionView.parse(await res.json()).checkedOn).toBe(day);
      }
      // Someone else's grid is refused.
      const outside = await call(
        'POST',
        '/v1/inspections',
        inspectors[0]!.token,
        {
          householdId: households[1]!.id,
          templateId: template.id,
          items: ITEMS.map((code) => ({ code, ok: true })),
          confirmSecond: true,
        },
        { 'idempotency-key': `outside-${w}-${++seq}` },
      );
      expect(outside.status).toBe(403);
      expect((await outside.json()).type).toBe('outside_your_area');
    }
  }, 300_000);

  /** The template's rule, computed here on its own. */
  const expected = (n: number) => {
    let base = 0;
    for (const [i] of ITEMS.entries()) if (CHECK_DAYS.every((_, w) => passes(n, w, i))) base += 1;
    let bonus = 0;
    for (const [w] of CHECK_DAYS.entries()) {
      if (ideaDone(n, w)) bonus += 2;
      if (cleanupDone(n, w)) bonus += 3;
    }
    if (VOLUNTEERS.includes(n)) bonus += 1;
    bonus = Math.min(bonus, 10);
    // A deduction counts in score points (its 积分 over the rate of 10, rounded up) against the
    // score and the rank; the pay is base + bonus, its 积分 having been taken when recorded.
    const score = base + bonus - (n === DEDUCTED ? Math.ceil(DEDUCTION_POINTS / 10) : 0);
    return { base, bonus, score, points: Math.max(0, base + bonus) * 10 };
  };

  it('the month so far shows on the household’s open sheet', async () => {
    const res = await call('GET', `/v1/households/${households[4]!.id}/sheets?month=2026-11`, coordinator);
    expect(res.status, await res.clone().text()).toBe(200);
    const [sheet] = SheetList.parse(await res.json()).sheets;
    expect(sheet!.status).toBe('open');
    expect(sheet!.inspections).toHaveLength(4);
    expect(sheet!.score).toBe(expected(4).score);
  });

  it('closing the month is refused before it ends, then scores every household by the rule, once', async () => {
    const early = await call('POST', '/v1/scoring/months/2026-11/close', coordinator, {});
    expect(early.status).toBe(409);
    expect((await early.json()).type).toBe('scoring_month_not_over');

    api.clock.set('2026-12-01T02:00:00Z');
    await relogin();
    const res = await call('POST', '/v1/scoring/months/2026-11/close', coordinator, {});
    expect(res.status, await res.clone().text()).toBe(200);
    const closed = await res.json();
    expect(closed).toMatchObject({ outcome: 'closed', month: '2026-11', sheets: HOUSEHOLDS });

    const db = api.database.db;
    const sheets = await db.select().from(scoringSheets).where(eq(scoringSheets.month, '2026-11'));
    expect(sheets).toHaveLength(HOUSEHOLDS);
    let total = 0;
    for (const [n, h] of households.entries()) {
      const sheet = sheets.find((s) => s.householdId === h.id)!;
      const want = expected(n);
      expect({ n, base: sheet.base, bonus: sheet.bonus, score: sheet.score, points: sheet.points }).toEqual({
        n,
        ...want,
      });
      expect(sheet.checks).toBe(4);
      total += want.points;
    }
    // Not trivially equal: some items failed, some households hit the bonus cap.
    expect(sheets.some((s) => s.base < 10)).toBe(true);
    expect(sheets.some((s) => s.bonus === 10)).toBe(true);
    expect(closed.points).toBe(total);

    const mints = async () =>
      (
        await db
          .select({ n: sql<number>`count(*)`, points: sql<number>`coalesce(sum(${transfers.amount}), 0)` })
          .from(transfers)
          .where(and(eq(transfers.kind, 'mint'), sql`${transfers.reason} like '2026-11 评分%'`))
      )[0]!;
    const before = await mints();
    expect(Number(before.points)).toBe(total);
    expect(Number(before.n)).toBe(sheets.filter((s) => s.points > 0).length);

    const again = await call('POST', '/v1/scoring/months/2026-11/close', coordinator, {});
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ outcome: 'already_closed', sheets: 0, points: 0 });
    expect(await mints()).toEqual(before);
    expect(await checkLedger(db)).toEqual([]);

    // The notice lists all 103, ranked by score (equal scores share a rank), names masked for residents.
    const notice = ScoringNotice.parse(
      await (await call('GET', '/v1/scoring/months/2026-11/notice', coordinator)).json(),
    );
    expect(notice.households).toHaveLength(HOUSEHOLDS);
    const scores = households.map((_, n) => expected(n).score);
    for (const row of notice.households) {
      expect(row.rank).toBe(1 + scores.filter((s) => s > row.score).length);
    }
    expect(notice.households[0]!.rank).toBe(1);
    expect(notice.mostLost.length).toBeGreaterThan(0);
    expect(notice.households.map((h) => h.name)).toContain('1号院');
    // The household's file shows the frozen sheet; no more checks for November.
    const file = SheetList.parse(
      await (
        await call('GET', `/v1/households/${households[0]!.id}/sheets?month=2026-11`, coordinator)
      ).json(),
    );
    expect(file.sheets[0]).toMatchObject({ status: 'closed', score: expected(0).score });
    const late = await call(
      'POST',
      '/v1/inspections',
      coordinator,
      {
        householdId: households[0]!.id,
        templateId: template.id,
        checkedOn: '2026-11-30',
        items: ITEMS.map((code) => ({ code, ok: true })),
      },
      { 'idempotency-key': `late-check-${++seq}` },
    );
    expect(late.status).toBe(409);
    expect((await late.json()).type).toBe('scoring_month_closed');
  }, 120_000);
});
