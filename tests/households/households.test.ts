/**
 * Households and inspections, one promise at a time: a reissued plate refuses the old token; an
 * inspector outside their grid is refused; a second check in a week is refused, then recorded
 * when confirmed; a retried check is saved once; bad input is a clear 4xx that stores nothing; an
 * objection that changes a score posts exactly one correction, within the window only.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  households as householdsTable,
  inspections,
  scoringSheets,
  transfers,
} from '../../api/db/schema/index.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { HouseholdView, ObjectionView, Plate, SheetList, TemplateView } from '../../shared/api/households.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';

const ITEMS = ['a', 'b', 'c'];

describe('households and inspections', () => {
  let api: TestApi;
  let coordinator: string;
  let inspector: string;
  let template: TemplateView;
  let east: HouseholdView;
  let west: HouseholdView;
  let memberId: string;
  let seq = 0;

  const call = (
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
    headers?: Record<string, string>,
  ) =>
    api.call(method, path, {
      ...(token ? { token } : {}),
      ...(body === undefined ? {} : { body }),
      ...(headers ? { headers } : {}),
    });
  const check = (token: string, body: Record<string, unknown>, key = `check-key-${++seq}`) =>
    call('POST', '/v1/inspections', token, body, { 'idempotency-key': key });
  const allOk = (ok = true) => ITEMS.map((code) => ({ code, ok }));
  const countChecks = async () =>
    Number((await api.database.db.select({ n: sql<number>`count(*)` }).from(inspections))[0]!.n);
  const relogin = async () => {
    coordinator = await api.login();
    inspector = await api.login('east@test.cn', 'inspector password 1');
  };

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-02T02:00:00Z' });
    coordinator = await api.login();
    const staff = await call('POST', '/v1/staff', coordinator, {
      name: '东片督导员',
      email: 'east@test.cn',
      password: 'inspector password 1',
      rights: ['inspector'],
      areas: ['东网格'],
    });
    expect(staff.status).toBe(201);
    inspector = await api.login('east@test.cn', 'inspector password 1');
    template = TemplateView.parse(
      await (
        await call('POST', '/v1/inspection-templates', coordinator, {
          name: '庭院检查',
          items: ITEMS.map((code) => ({ code, title: code, kept: 2, lost: -1 })),
          monthRule: 'last_check',
        })
      ).json(),
    );
    const member = await (await call('POST', '/v1/residents', coordinator, { name: '李桂英' })).json();
    memberId = member.id;
    east = HouseholdView.parse(
      await (
        await call('POST', '/v1/households', coordinator, {
          name: '李家',
          doorNumber: '金卫村 5组 32号',
          community: '金卫村',
          grid: '东网格',
          memberIds: [memberId],
        })
      ).json(),
    );
    west = HouseholdView.parse(
      await (
        await call('POST', '/v1/households', coordinator, {
          name: '王家',
          doorNumber: '金卫村 7组 3号',
          community: '金卫村',
          grid: '西网格',
        })
      ).json(),
    );
  });
  afterAll(() => api.close());

  it('a reissued plate works and the old one is refused', async () => {
    const oldToken = east.plateUrl!.split('/').at(-1)!;
    const scanned = await call('GET', `/v1/households/plates/${oldToken}`, inspector);
    expect(scanned.status).toBe(200);
    expect((await scanned.json()).id).toBe(east.id);

    const res = await call('POST', `/v1/households/${east.id}/plate`, coordinator);
    expect(res.status).toBe(200);
    const plate = Plate.parse(await res.json());
    expect(plate.plateUrl).not.toBe(east.plateUrl);
    const newToken = plate.plateUrl.split('/').at(-1)!;

    const refused = await call('GET', `/v1/households/plates/${oldToken}`, inspector);
    expect(refused.status).toBe(404);
    expect((await refused.json()).type).toBe('plate_not_found');
    const oldCheck = await check(inspector, {
      plateToken: oldToken,
      templateId: template.id,
      items: allOk(),
    });
    expect(oldCheck.status).toBe(404);
    expect(await countChecks()).toBe(0);

    const listed = await (
      await call('GET', `/v1/households?door=${encodeURIComponent('5组 32')}`, coordinator)
    ).json();
    expect(listed.households[0].plateUrl).toBe(plate.plateUrl);
    expect(listed.households[0].members.map((m: { id: string }) => m.id)).toEqual([memberId]);
    // Only a hash of the token is stored.
    const [row] = await api.database.db.select().from(householdsTable).where(eq(householdsTable.id, east.id));
    expect(JSON.stringify(row)).not.toContain(newToken);
    east = { ...east, plateUrl: plate.plateUrl };
  });

  it('an inspector outside their grid is refused, and nothing is stored', async () => {
    const res = await check(inspector, {
      householdId: west.id,
      templateId: west.id && template.id,
      items: allOk(),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).type).toBe('outside_your_area');
    const plate = west.plateUrl!.split('/').at(-1)!;
    expect((await call('GET', `/v1/households/plates/${plate}`, inspector)).status).toBe(403);
    expect((await call('GET', `/v1/households/${west.id}/sheets`, inspector)).status).toBe(403);
    expect(await countChecks()).toBe(0);
  });

  it('bad input is a clear 4xx and stores nothing', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [
        { householdId: east.id, templateId: template.id, items: [{ code: 'a', ok: true }] },
        400,
        'invalid_check_items',
      ],
      [
        { householdId: east.id, templateId: template.id, items: [...allOk(), { code: 'zzz', ok: true }] },
        400,
        'invalid_check_items',
      ],
      [
        { householdId: east.id, templateId: template.id, items: [...allOk(), { code: 'a', ok: false }] },
        400,
        'invalid_check_items',
      ],
      [
        { householdId: east.id, templateId: template.id, checkedOn: '2026-11-03', items: allOk() },
        400,
        'future_check',
      ],
      [
        { householdId: east.id, templateId: template.id, checkedOn: '2026-02-30', items: allOk() },
        400,
        'invalid_day',
      ],
      [{ householdId: east.id, templateId: east.id, items: allOk() }, 404, 'template_not_found'],
      [{ templateId: template.id, items: allOk() }, 400, 'invalid_request'],
      [
        { householdId: east.id, plateToken: 'x'.repeat(22), templateId: template.id, items: allOk() },
        400,
        'invalid_request',
      ],
      [
        { householdId: east.id, templateId: template.id, items: [{ code: 'a', ok: 'yes' }] },
        400,
        'invalid_request',
      ],
    ];
    for (const [body, status, type] of cases) {
      const res = await check(inspector, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await res.json()).type, JSON.stringify(body)).toBe(type);
    }
    const noKey = await call('POST', '/v1/inspections', inspector, {
      householdId: east.id,
      templateId: template.id,
      items: allOk(),
    });
    expect(noKey.status).toBe(400);
    expect(await countChecks()).toBe(0);

    const dupTemplate = await call('POST', '/v1/inspection-templates', coordinator, {
      name: '重复',
      items: [
        { code: 'a', title: 'a', kept: 1, lost: 0 },
        { code: 'a', title: 'b', kept: 1, lost: 0 },
      ],
    });
    expect(dupTemplate.status).toBe(400);
    expect((await dupTemplate.json()).type).toBe('invalid_template');
    expect((await call('POST', '/v1/inspection-templates', inspector, { name: 'x', items: [] })).status).toBe(
      403,
    );

    const sameDoor = await call('POST', '/v1/households', coordinator, {
      name: '又一家',
      doorNumber: '金卫村 5组 32号',
    });
    expect(sameDoor.status).toBe(409);
    expect((await sameDoor.json()).type).toBe('door_number_taken');
    const badMember = await call('POST', '/v1/households', coordinator, {
      name: '空家',
      doorNumber: '金卫村 9组 1号',
      memberIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(badMember.status).toBe(404);
    const found = await (
      await call('GET', `/v1/households?door=${encodeURIComponent('9组 1号')}`, coordinator)
    ).json();
    expect(found.households).toEqual([]);

    const badMonth = await call('POST', '/v1/scoring/months/2026-13/close', coordinator, {});
    expect(badMonth.status).toBe(400);
  });

  it('a retried check is saved once; a second check in the week asks first', async () => {
    const body = { plateToken: east.plateUrl!.split('/').at(-1)!, templateId: template.id, items: allOk() };
    const first = await check(inspector, body, 'weak-signal-check-1');
    expect(first.status, await first.clone().text()).toBe(201);
    const retry = await check(inspector, body, 'weak-signal-check-1');
    expect(retry.status).toBe(201);
    expect((await retry.json()).id).toBe((await first.json()).id);
    expect(await countChecks()).toBe(1);

    api.clock.set('2026-11-05T02:00:00Z');
    await relogin();
    const second = await check(inspector, { ...body, items: allOk(false) });
    expect(second.status).toBe(409);
    const problem = await second.json();
    expect(problem.type).toBe('second_check_this_week');
    expect(await countChecks()).toBe(1);
    const confirmed = await check(inspector, { ...body, items: allOk(false), confirmSecond: true });
    expect(confirmed.status).toBe(201);
    expect(await countChecks()).toBe(2);

    // The same check sent twice at once (a retry racing the first) is saved once.
    api.clock.set('2026-11-10T02:00:00Z');
    await relogin();
    const raced = await Promise.all([
      check(inspector, { ...body, items: allOk() }, 'raced-check-1'),
      check(inspector, { ...body, items: allOk() }, 'raced-check-1'),
    ]);
    expect(raced.map((r) => r.status)).toEqual([201, 201]);
    const [r1, r2] = await Promise.all(raced.map((r) => r.json()));
    expect(r1.id).toBe(r2.id);
    expect(await countChecks()).toBe(3);
    await api.database.db.delete(inspections).where(eq(inspections.id, r1.id));

    // Next week, no question; an earlier day of the month entered from paper.
    api.clock.set('2026-11-12T02:00:00Z');
    await relogin();
    expect(
      (
        await check(inspector, {
          ...body,
          items: [
            { code: 'a', ok: false },
            { code: 'b', ok: true },
            { code: 'c', ok: true },
          ],
        })
      ).status,
    ).toBe(201);
    const paper = await check(coordinator, {
      householdId: west.id,
      templateId: template.id,
      checkedOn: '2026-11-09',
      items: allOk(),
    });
    expect(paper.status).toBe(201);
  });

  it('an objection that changes the score posts exactly one correction, within the window', async () => {
    api.clock.set('2026-12-01T02:00:00Z');
    await relogin();
    const closed = await call('POST', '/v1/scoring/months/2026-11/close', coordinator, {
      communityId: '金卫村',
    });
    expect(closed.status, await closed.clone().text()).toBe(200);
    expect(await closed.json()).toMatchObject({ outcome: 'closed', community: '金卫村', sheets: 2 });
    // last_check: a lost (−1) as the last check found it, b and c kept (2 each).
    const sheets = SheetList.parse(
      await (await call('GET', `/v1/households/${east.id}/sheets?month=2026-11`, coordinator)).json(),
    ).sheets;
    expect(sheets[0]).toMatchObject({ status: 'closed', base: 3, score: 3, points: 30, checks: 3 });
    const sheetId = sheets[0]!.id!;
    // Two closes of the whole alliance at once: one closes (nothing left outside 金卫村), one finds it closed.
    const both = await Promise.all([
      call('POST', '/v1/scoring/months/2026-11/close', coordinator, {}),
      call('POST', '/v1/scoring/months/2026-11/close', coordinator, {}),
    ]);
    const outcomes = await Promise.all(both.map(async (r) => (await r.json()).outcome));
    expect(outcomes.sort()).toEqual(['already_closed', 'closed']);

    const slip = await (await call('POST', `/v1/residents/${memberId}/enrollment-code`, coordinator)).json();
    const resident = (
      await (await call('POST', '/v1/enroll/resident', undefined, { code: slip.enrollmentCode })).json()
    ).accessToken as string;
    const board = await (await call('GET', '/v1/scoring/months/2026-11/notice', resident)).json();
    expect(board.households.map((h: { name: string }) => h.name).sort()).toEqual(['李*', '王*']);
    const mine = await call('GET', `/v1/households/${east.id}/sheets`, resident);
    expect(mine.status).toBe(200);
    expect((await call('GET', `/v1/households/${west.id}/sheets`, resident)).status).toBe(404);
    const westSheet = (
      await api.database.db.select().from(scoringSheets).where(eq(scoringSheets.householdId, west.id))
    )[0]!;
    expect(
      (await call('POST', `/v1/sheets/${westSheet.id}/objections`, resident, { note: '不是我家' })).status,
    ).toBe(404);

    const objected = await call('POST', `/v1/sheets/${sheetId}/objections`, resident, {
      note: 'a 项第三周已经整改',
    });
    expect(objected.status, await objected.clone().text()).toBe(201);
    const objection = ObjectionView.parse(await objected.json());
    const twice = await call('POST', `/v1/sheets/${sheetId}/objections`, resident, { note: '再说一次' });
    expect(twice.status).toBe(409);
    expect((await twice.json()).type).toBe('objection_open');

    const queue = await (await call('GET', '/v1/sheets/objections', coordinator)).json();
    expect(queue.objections.map((o: { id: string }) => o.id)).toEqual([objection.id]);

    const adjusts = async () =>
      (await api.database.db.select().from(transfers).where(eq(transfers.kind, 'adjust'))).length;
    const before = await adjusts();
    const decision = `/v1/sheets/${sheetId}/objections/${objection.id}/decision`;
    expect((await call('POST', decision, coordinator, { uphold: true, reason: '核实' })).status).toBe(400);
    const decided = await call('POST', decision, coordinator, {
      uphold: true,
      score: 6,
      reason: '核实整改到位',
    });
    expect(decided.status, await decided.clone().text()).toBe(200);
    expect(await decided.json()).toMatchObject({
      state: 'upheld',
      scoreBefore: 3,
      scoreAfter: 6,
      correctionPoints: 30,
    });
    expect(await adjusts()).toBe(before + 1);
    const again = await call('POST', decision, coordinator, { uphold: true, score: 8, reason: '再改' });
    expect(again.status).toBe(409);
    expect(await adjusts()).toBe(before + 1);
    const after = SheetList.parse(
      await (await call('GET', `/v1/households/${east.id}/sheets?month=2026-11`, resident)).json(),
    ).sheets[0]!;
    expect(after).toMatchObject({ score: 6, closedScore: 3, points: 60 });
    expect(after.objections[0]).toMatchObject({ state: 'upheld', correctionPoints: 30 });

    // A rejected objection moves nothing; after the window none is taken.
    const second = ObjectionView.parse(
      await (await call('POST', `/v1/sheets/${sheetId}/objections`, resident, { note: '还有 b 项' })).json(),
    );
    const rejected = await call(
      'POST',
      `/v1/sheets/${sheetId}/objections/${second.id}/decision`,
      coordinator,
      {
        uphold: false,
        reason: '照片显示未整改',
      },
    );
    expect(await rejected.json()).toMatchObject({ state: 'rejected', correctionPoints: 0 });
    expect(await adjusts()).toBe(before + 1);
    api.clock.set('2026-12-07T02:00:00Z');
    const slip2 = await (
      await call('POST', `/v1/residents/${memberId}/enrollment-code`, await api.login())
    ).json();
    const late = (
      await (await call('POST', '/v1/enroll/resident', undefined, { code: slip2.enrollmentCode })).json()
    ).accessToken as string;
    const tooLate = await call('POST', `/v1/sheets/${sheetId}/objections`, late, { note: '迟到的异议' });
    expect(tooLate.status).toBe(409);
    expect((await tooLate.json()).type).toBe('objection_window_closed');
    expect(await checkLedger(api.database.db)).toEqual([]);
  });
});
