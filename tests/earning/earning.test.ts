/**
 * Earning points through the API: staff with rights, rules and their versions, photos, claims
 * with every refusal a reviewer should never see, limits, four eyes (also two approvals at once),
 * deductions that never go below zero and appeals that give them back, the history in words and
 * the public feed. The ledger check is clean after every step that moves points.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../api/ledger/check.ts';
import { ClaimList, ClaimView, DeductionView, Feed, RuleView } from '../../shared/api/earning.ts';
import { HistoryResponse, MeResponse } from '../../shared/api/resident.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { createResident } from '../helpers/world.ts';

/** The smallest valid PNG (1×1). */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

describe('earning points', () => {
  let api: TestApi;
  let coordinator: string;
  let reviewerA: string;
  let reviewerB: string;
  let clerk: string;
  let resident: Awaited<ReturnType<typeof createResident>>;
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
  const file = (token: string, body: Record<string, unknown>) =>
    call('POST', '/v1/claims', token, body, { 'idempotency-key': `claim-key-${++seq}` });
  const upload = (token: string, bytes: Uint8Array, type = 'image/png') =>
    api.app.request('http://localhost/v1/evidence', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
  const rule = async (body: Record<string, unknown>) => {
    const res = await call('POST', '/v1/rules', coordinator, body);
    expect(res.status, await res.clone().text()).toBe(201);
    return RuleView.parse(await res.json());
  };
  const decide = (token: string, claimId: string, body: Record<string, unknown>) =>
    call('POST', `/v1/claims/${claimId}/decisions`, token, body);
  const me = async () => MeResponse.parse(await (await call('GET', '/v1/me', resident.token)).json());
  const ledgerClean = async () => expect(await checkLedger(api.database.db)).toEqual([]);

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
    reviewerA = await invite('审核员甲', 'a@test.cn', ['reviewer']);
    reviewerB = await invite('审核员乙', 'b@test.cn', ['reviewer', 'inspector']);
    clerk = await invite('窗口工作人员', 'c@test.cn', []);
    resident = await createResident(api, coordinator, '王桂兰', 0);
  });
  afterAll(() => api.close());

  it('staff get only the rights the coordinator gave them, and a disabled one is refused at once', async () => {
    expect((await call('GET', '/v1/claims', reviewerA)).status).toBe(200);
    const refused = await call('GET', '/v1/claims', clerk);
    expect(refused.status).toBe(403);
    expect(
      (
        await call('POST', '/v1/staff', reviewerA, {
          name: 'x',
          email: 'x@test.cn',
          password: 'long password',
          rights: [],
        })
      ).status,
    ).toBe(403);
    const list = await (await call('GET', '/v1/staff', coordinator)).json();
    const temp = await call('POST', '/v1/staff', coordinator, {
      name: '临时',
      email: 'temp@test.cn',
      password: 'staff password 1',
      rights: ['reviewer'],
    });
    const tempId = (await temp.json()).id;
    const tempToken = await api.login('temp@test.cn', 'staff password 1');
    expect(list.staff.length).toBeGreaterThanOrEqual(4);
    expect((await call('PATCH', `/v1/staff/${tempId}`, coordinator, { disabled: true })).status).toBe(200);
    const after = await call('GET', '/v1/claims', tempToken);
    expect(after.status).toBe(403);
    expect((await after.json()).type).toBe('account_disabled');
  });

  it('rules are checked by kind, and an edit is a new version', async () => {
    const missing = await call('POST', '/v1/rules', coordinator, {
      code: 'bad',
      category: '志愿活动',
      titleZh: '缺分值',
      kind: 'fixed',
      evidence: 'none',
      selfClaim: true,
    });
    expect(missing.status).toBe(400);
    expect((await missing.json()).type).toBe('invalid_rule');
    const patrol = await rule({
      code: 'patrol',
      category: '社区公德',
      titleZh: '主动参加义务巡逻',
      titleEn: 'Volunteer patrol',
      kind: 'fixed',
      points: 50,
      evidence: 'optional',
      selfClaim: true,
      limits: { perDay: 3 },
    });
    expect(patrol).toMatchObject({ version: 1, points: 50 });
    const edited = await call('PATCH', `/v1/rules/${patrol.id}`, coordinator, { points: 30 });
    expect(edited.status).toBe(200);
    expect(RuleView.parse(await edited.json())).toMatchObject({ version: 2, points: 30, code: 'patrol' });
    const taken = await call('POST', '/v1/rules', coordinator, {
      code: 'patrol',
      category: '社区公德',
      titleZh: '重复',
      kind: 'fixed',
      points: 1,
      evidence: 'none',
      selfClaim: true,
    });
    expect(taken.status).toBe(409);
    await rule({
      code: 'volunteer',
      category: '志愿活动',
      titleZh: '志愿服务',
      kind: 'per_hour',
      pointsPerHour: 10,
      evidence: 'none',
      selfClaim: true,
    });
    await rule({
      code: 'idea',
      category: '社区公德',
      titleZh: '金点子',
      kind: 'range',
      min: 20,
      max: 160,
      evidence: 'required',
      selfClaim: true,
    });
    await rule({
      code: 'award',
      category: '表彰奖励',
      titleZh: '市级表彰',
      kind: 'fixed',
      points: 100,
      evidence: 'none',
      selfClaim: false,
    });
    await rule({
      code: 'old',
      category: '学习园地',
      titleZh: '过期活动',
      kind: 'fixed',
      points: 5,
      evidence: 'none',
      selfClaim: true,
      activeTo: '2026-10-31',
    });
    await rule({
      code: 'litter',
      category: '绿色社区',
      titleZh: '乱扔垃圾',
      kind: 'deduction',
      points: 40,
      evidence: 'optional',
      selfClaim: false,
    });
    const residentView = RuleList(await (await call('GET', '/v1/rules', resident.token)).json());
    expect(residentView.map((r) => r.code).sort()).toEqual(['idea', 'old', 'patrol', 'volunteer']);
  });

  it('bad input is a clear 4xx and stores nothing', async () => {
    const before = await (await call('GET', '/v1/me/claims', resident.token)).json();
    const huge = await upload(resident.token, new Uint8Array(5 * 1024 * 1024).fill(0xff));
    expect(huge.status).toBe(413);
    expect((await huge.json()).type).toBe('evidence_too_large');
    const pdf = await upload(resident.token, new TextEncoder().encode('%PDF-1.4 not a photo'), 'image/jpeg');
    expect(pdf.status).toBe(415);
    expect((await pdf.json()).type).toBe('unsupported_image');
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ruleCode: 'old', occurredOn: '2026-11-19' }, 409, 'rule_inactive'],
      [{ ruleCode: 'patrol', occurredOn: '2026-11-21' }, 400, 'future_day'],
      [{ ruleCode: 'patrol', occurredOn: '2026-11-19', hours: 2 }, 400, 'hours_not_allowed'],
      [{ ruleCode: 'volunteer', occurredOn: '2026-11-19' }, 400, 'hours_required'],
      [{ ruleCode: 'volunteer', occurredOn: '2026-11-19', hours: 1.2 }, 400, 'hours_required'],
      [{ ruleCode: 'idea', occurredOn: '2026-11-19' }, 400, 'evidence_required'],
      [{ ruleCode: 'award', occurredOn: '2026-11-19' }, 403, 'staff_only_rule'],
      [{ ruleCode: 'litter', occurredOn: '2026-11-19' }, 400, 'rule_not_claimable'],
      [{ ruleCode: 'nope', occurredOn: '2026-11-19' }, 404, 'rule_not_found'],
      [
        {
          ruleCode: 'patrol',
          occurredOn: '2026-11-19',
          evidenceIds: ['00000000-0000-4000-8000-000000000000'],
        },
        404,
        'evidence_not_found',
      ],
    ];
    for (const [body, status, type] of cases) {
      const res = await file(resident.token, body);
      expect({ body, status: res.status, type: (await res.json()).type }).toEqual({ body, status, type });
    }
    const after = await (await call('GET', '/v1/me/claims', resident.token)).json();
    expect(after.claims).toEqual(before.claims);
    const stored = await api.database.db.execute('select count(*)::int as n from evidence');
    expect(
      Number(
        (stored as unknown as { rows?: { n: number }[] }).rows?.[0]?.n ??
          (stored as unknown as { n: number }[])[0]?.n,
      ),
    ).toBe(0);
  });

  it('a claim with a photo is reviewed and pays once; the history says what for', async () => {
    const photo = await upload(resident.token, PNG);
    expect(photo.status).toBe(201);
    const { id: photoId } = await photo.json();
    const res = await call(
      'POST',
      '/v1/claims',
      resident.token,
      { ruleCode: 'patrol', occurredOn: '2026-11-19', evidenceIds: [photoId], public: true },
      { 'idempotency-key': 'patrol-1-key' },
    );
    expect(res.status).toBe(201);
    const filed = await res.json();
    expect(filed.status).toBe('submitted');
    const again = await call(
      'POST',
      '/v1/claims',
      resident.token,
      { ruleCode: 'patrol', occurredOn: '2026-11-19', evidenceIds: [photoId], public: true },
      { 'idempotency-key': 'patrol-1-key' },
    );
    expect((await again.json()).id).toBe(filed.id);
    // The photo is the resident's and the reviewers', nobody else's.
    expect((await call('GET', `/v1/evidence/${photoId}`, reviewerA)).status).toBe(200);
    const stranger = await createResident(api, coordinator, '路人', 0);
    expect((await call('GET', `/v1/evidence/${photoId}`, stranger.token)).status).toBe(404);

    const queue = ClaimList.parse(await (await call('GET', '/v1/claims', reviewerA)).json());
    expect(queue.claims.map((c) => c.id)).toContain(filed.id);
    const approved = ClaimView.parse(
      await (await decide(reviewerA, filed.id, { decision: 'approve' })).json(),
    );
    expect(approved).toMatchObject({
      status: 'approved',
      awardedPoints: 30,
      ruleTitleZh: '主动参加义务巡逻',
    }); // version 2's points
    expect((await decide(reviewerB, filed.id, { decision: 'approve' })).status).toBe(409);
    expect(await me()).toMatchObject({ balance: 30 });
    const history = HistoryResponse.parse(await (await call('GET', '/v1/me/history', resident.token)).json());
    expect(history.entries.find((e) => e.reason === '主动参加义务巡逻')).toMatchObject({
      kind: 'earned',
      points: 30,
    });
    await ledgerClean();

    // Now public, and the photo with it: one 点赞 per resident.
    const feed = Feed.parse(await (await call('GET', '/v1/feed', stranger.token)).json());
    expect(feed.items[0]).toMatchObject({ claimId: filed.id, name: '王*兰', likes: 0 });
    expect((await call('GET', `/v1/evidence/${photoId}`, stranger.token)).status).toBe(200);
    for (let i = 0; i < 2; i++)
      expect((await call('POST', `/v1/feed/${filed.id}/like`, stranger.token)).status).toBe(204);
    expect(Feed.parse(await (await call('GET', '/v1/feed', stranger.token)).json()).items[0]).toMatchObject({
      likes: 1,
      likedByMe: true,
    });
    expect((await call('POST', `/v1/claims/${filed.id}/hide`, reviewerA)).status).toBe(204);
    expect(Feed.parse(await (await call('GET', '/v1/feed', stranger.token)).json()).items).toEqual([]);
  });

  it('the fourth claim in a day under a rule limited to three is refused with the limit', async () => {
    for (let i = 0; i < 2; i++)
      expect((await file(resident.token, { ruleCode: 'patrol', occurredOn: '2026-11-19' })).status).toBe(201);
    const fourth = await file(resident.token, { ruleCode: 'patrol', occurredOn: '2026-11-19' });
    expect(fourth.status).toBe(409);
    expect(await fourth.json()).toMatchObject({ type: 'limit_reached', limit: 'claims a day', allowed: 3 });
    expect((await file(resident.token, { ruleCode: 'patrol', occurredOn: '2026-11-18' })).status).toBe(201);
  });

  it('four eyes: a 120-point claim waits for a second, different reviewer and pays once', async () => {
    const { id: photoId } = await (await upload(resident.token, PNG)).json();
    const { id } = await (
      await file(resident.token, { ruleCode: 'idea', occurredOn: '2026-11-19', evidenceIds: [photoId] })
    ).json();
    const start = (await me()).balance;
    const outOfRange = await decide(reviewerA, id, { decision: 'approve', points: 200 });
    expect((await outOfRange.json()).type).toBe('points_out_of_range');
    const first = ClaimView.parse(
      await (await decide(reviewerA, id, { decision: 'approve', points: 120 })).json(),
    );
    expect(first).toMatchObject({
      status: 'awaiting_second',
      approvals: 1,
      approvalsNeeded: 2,
      awardedPoints: null,
    });
    expect((await me()).balance).toBe(start);
    const same = await decide(reviewerA, id, { decision: 'approve', points: 120 });
    expect(same.status).toBe(409);
    expect((await same.json()).type).toBe('second_reviewer_required');
    const second = ClaimView.parse(await (await decide(reviewerB, id, { decision: 'approve' })).json());
    expect(second).toMatchObject({ status: 'approved', awardedPoints: 120, approvals: 2 });
    expect((await me()).balance).toBe(start + 120);
    await ledgerClean();
  });

  it('two approvals at once award once', async () => {
    const claims = await Promise.all(
      [0, 1, 2].map(
        async () =>
          (
            await (
              await file(resident.token, { ruleCode: 'volunteer', occurredOn: '2026-11-17', hours: 2 })
            ).json()
          ).id as string,
      ),
    );
    const start = (await me()).balance;
    for (const id of claims) {
      const answers = await Promise.all([
        decide(reviewerA, id, { decision: 'approve' }),
        decide(reviewerB, id, { decision: 'approve' }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    }
    expect((await me()).balance).toBe(start + 3 * 20);
    await ledgerClean();
  });

  it('asking for more material sends the claim back; the resident adds it; a refusal says why', async () => {
    const { id } = await (
      await file(resident.token, { ruleCode: 'volunteer', occurredOn: '2026-11-16', hours: 1.5 })
    ).json();
    expect((await decide(reviewerA, id, { decision: 'ask_more' })).status).toBe(400); // a reason is required
    const asked = ClaimView.parse(
      await (await decide(reviewerA, id, { decision: 'ask_more', reason: '请补充活动照片' })).json(),
    );
    expect(asked).toMatchObject({ status: 'needs_more', reason: '请补充活动照片', points: 15 });
    const { id: photoId } = await (await upload(resident.token, PNG)).json();
    const added = await call('POST', `/v1/claims/${id}/material`, resident.token, {
      evidenceIds: [photoId],
      note: '照片补上了',
    });
    expect((await added.json()).status).toBe('submitted');
    const refused = ClaimView.parse(
      await (await decide(reviewerB, id, { decision: 'refuse', reason: '活动当天没有签到' })).json(),
    );
    expect(refused).toMatchObject({ status: 'refused', reason: '活动当天没有签到' });
    const mine = ClaimList.parse(await (await call('GET', '/v1/me/claims', resident.token)).json());
    expect(mine.claims.find((c) => c.id === id)).toMatchObject({
      status: 'refused',
      reason: '活动当天没有签到',
    });
  });

  it('a deduction larger than the free balance takes the free balance only; an upheld appeal gives it back', async () => {
    const poor = await createResident(api, coordinator, '李建国', 30);
    await poor.voucher({ capPoints: 10 }); // 10 held by an open code: never taken
    const recorded = await call('POST', '/v1/deductions', reviewerB, {
      residentId: poor.id,
      ruleCode: 'litter',
      note: '门前垃圾未清理',
    });
    expect(recorded.status).toBe(201);
    const d = DeductionView.parse(await recorded.json());
    expect(d).toMatchObject({ points: 40, takenPoints: 20, appeal: 'none' });
    expect(await poor.me()).toMatchObject({ balance: 10, held: 10, available: 0 });
    await ledgerClean();
    const history = HistoryResponse.parse(await (await call('GET', '/v1/me/history', poor.token)).json());
    expect(history.entries.find((e) => e.kind === 'deducted')).toMatchObject({
      points: -20,
      reason: '乱扔垃圾',
    });

    const mine = await (await call('GET', '/v1/me/deductions', poor.token)).json();
    expect(mine.deductions[0]).toMatchObject({ id: d.id, appeal: 'none', appealUntil: expect.any(String) });
    expect((await call('POST', `/v1/deductions/${d.id}/appeal`, resident.token, {})).status).toBe(404); // not hers
    const appealed = await call('POST', `/v1/deductions/${d.id}/appeal`, poor.token, {
      note: '那天我不在家',
    });
    expect((await appealed.json()).appeal).toBe('appealed');
    expect((await call('POST', `/v1/deductions/${d.id}/appeal`, poor.token, {})).status).toBe(409);
    const queue = await (await call('GET', '/v1/deductions/appeals', reviewerA)).json();
    expect(queue.deductions.map((x: { id: string }) => x.id)).toContain(d.id);
    const byRecorder = await call('POST', `/v1/deductions/${d.id}/appeal/decision`, reviewerB, {
      uphold: true,
      reason: '核实无误',
    });
    expect((await byRecorder.json()).type).toBe('second_reviewer_required');
    const upheld = await call('POST', `/v1/deductions/${d.id}/appeal/decision`, reviewerA, {
      uphold: true,
      reason: '当天家中无人，撤销扣分',
    });
    expect(upheld.status).toBe(200);
    expect((await upheld.json()).appeal).toBe('upheld');
    expect(await poor.me()).toMatchObject({ balance: 30, held: 10, available: 20 });
    await ledgerClean();
    const again = await call('POST', `/v1/deductions/${d.id}/appeal/decision`, reviewerA, {
      uphold: true,
      reason: '再来',
    });
    expect((await again.json()).type).toBe('appeal_not_open');
  });

  it('an appeal after the window is refused', async () => {
    const late = await createResident(api, coordinator, '赵四', 100);
    const d = DeductionView.parse(
      await (
        await call('POST', '/v1/deductions', coordinator, {
          residentId: late.id,
          ruleCode: 'litter',
          points: 10,
        })
      ).json(),
    );
    expect(d.takenPoints).toBe(10);
    api.clock.advance(8 * 86_400_000);
    const token = (
      await (
        await api.call('POST', '/v1/enroll/resident', {
          body: {
            code: (
              await (await call('POST', `/v1/residents/${late.id}/enrollment-code`, await api.login())).json()
            ).enrollmentCode,
          },
        })
      ).json()
    ).accessToken;
    const res = await call('POST', `/v1/deductions/${d.id}/appeal`, token, {});
    expect(res.status).toBe(409);
    expect((await res.json()).type).toBe('appeal_window_closed');
  });

  it('the catalogue goes out as CSV and comes back through the API: a bad line imports nothing, the same file twice changes nothing', async () => {
    coordinator = await api.login(); // the earlier tests moved the clock past the tokens
    reviewerA = await api.login('a@test.cn', 'staff password 1');
    const exported = await call('GET', '/v1/rules/export', coordinator);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(exported.headers.get('cache-control')).toBe('private, no-store');
    const csv = await exported.text();
    const [header, ...lines] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header!.startsWith('code,category,titleZh,titleEn,kind')).toBe(true);
    const before = RuleList(await (await call('GET', '/v1/rules', coordinator)).json());
    expect(lines).toHaveLength(before.length);
    expect((await call('GET', '/v1/rules/export', reviewerA)).status).toBe(403);

    const put = (text: string) =>
      api.app.request('http://localhost/v1/rules/import', {
        method: 'POST',
        headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'text/csv' },
        body: text,
      });
    const bad = await put(
      `${csv}reading,学习园地,阅读文章,,fixed,2,,,,none,yes,no,1,,,,,\r\nbad,学习园地,坏,,sometimes,,,,,none,maybe,no,,,,,,\r\n`,
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).type).toBe('invalid_rule_file');
    expect(RuleList(await (await call('GET', '/v1/rules', coordinator)).json())).toEqual(before);

    const same = await put(csv);
    expect(await same.json()).toEqual({ created: 0, updated: 0, unchanged: before.length });
    const more = `${csv}reading,学习园地,阅读文章,,fixed,2,,,,none,yes,no,1,,,,,\r\n`;
    expect(await (await put(more)).json()).toEqual({ created: 1, updated: 0, unchanged: before.length });
    expect(await (await put(more)).json()).toEqual({ created: 0, updated: 0, unchanged: before.length + 1 });
  });
});

function RuleList(body: { rules: unknown[] }) {
  return body.rules.map((r) => RuleView.parse(r));
}
