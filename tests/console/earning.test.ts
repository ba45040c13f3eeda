import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claims, evidence } from '../../api/db/schema/index.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { createResident } from '../helpers/world.ts';
import {
  createRules,
  decideClaim,
  fileClaim,
  inviteStaff,
  photo,
  STAFF_PASSWORD,
  upload,
} from './earning-world.ts';

/**
 * Review, claims at the counter, deductions and appeals, the good-deeds feed and the dashboard's
 * review figures through real console requests, signed in as reviewers and inspectors: every
 * refusal is a page in words, and a refused action changes nothing.
 */
describe('console: earning points', () => {
  let api: TestApi;
  let coordinator = '';
  let codes: Awaited<ReturnType<typeof createRules>>['codes'];
  let reviewerB: Awaited<ReturnType<typeof inviteStaff>>;
  let wang: Awaited<ReturnType<typeof createResident>>;
  let li: Awaited<ReturnType<typeof createResident>>;
  const asA = consoleSession(() => api.app);
  const asB = consoleSession(() => api.app);
  const asInspector = consoleSession(() => api.app);
  const asClerk = consoleSession(() => api.app);
  const asCoordinator = consoleSession(() => api.app);

  const signIn = async (
    session: ReturnType<typeof consoleSession>,
    email: string,
    password = STAFF_PASSWORD,
  ) => {
    const res = await session.request('POST', '/console/login', { email, password, next: '/console/' });
    expect(res.status).toBe(303);
  };
  const page = async (session: ReturnType<typeof consoleSession>, path: string) => {
    const res = await session.request('GET', path);
    expect(res.status, path).toBe(200);
    return res.text();
  };
  /** Posts a form and follows its redirect to the page it lands on. */
  const submit = async (
    session: ReturnType<typeof consoleSession>,
    path: string,
    form: Record<string, string> | FormData,
  ) => {
    const res = await session.request('POST', path, form);
    if (res.status !== 303) return { status: res.status, location: '', html: await res.text() };
    const location = res.headers.get('location')!;
    return { status: 303, location, html: await page(session, location) };
  };
  const balance = async (resident: { me(): Promise<{ balance: number }> }) => (await resident.me()).balance;
  const claimStatus = async (id: string) =>
    (await api.database.db.select({ status: claims.status }).from(claims).where(eq(claims.id, id)))[0]
      ?.status;
  const photosStored = async () => (await api.database.db.select({ n: count() }).from(evidence))[0]!.n;
  const cardOf = (html: string, claimId: string) => {
    const start = html.indexOf(`data-claim="${claimId}"`);
    expect(start, `claim ${claimId} on the page`).toBeGreaterThan(0);
    return html.slice(start, html.indexOf('</article>', start));
  };

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-20T02:00:00Z' });
    coordinator = await api.login();
    await inviteStaff(api, coordinator, {
      name: '审核员甲',
      email: 'a@test.cn',
      rights: ['reviewer'],
    });
    reviewerB = await inviteStaff(api, coordinator, {
      name: '审核员乙',
      email: 'b@test.cn',
      rights: ['reviewer'],
    });
    await inviteStaff(api, coordinator, { name: '督导员丙', email: 'c@test.cn', rights: ['inspector'] });
    await inviteStaff(api, coordinator, { name: '窗口人员', email: 'd@test.cn', rights: [] });
    ({ codes } = await createRules(api, coordinator, 'test'));
    wang = await createResident(api, coordinator, '王桂兰', 0);
    li = await createResident(api, coordinator, '李建国', 30);
    await signIn(asA, 'a@test.cn');
    await signIn(asB, 'b@test.cn');
    await signIn(asInspector, 'c@test.cn');
    await signIn(asClerk, 'd@test.cn');
    await signIn(asCoordinator, ADMIN.email, ADMIN.password);
  });
  afterAll(() => api.close());

  it('the queue shows claims oldest first, with their photos large, the rule and the resident’s latest claims', async () => {
    const first = await fileClaim(api, wang.token, {
      ruleCode: codes.patrol,
      occurredOn: '2026-11-18',
      note: '和邻居一起巡逻',
      evidenceIds: [await upload(api, wang.token)],
    });
    api.clock.advance(60_000);
    const second = await fileClaim(api, li.token, {
      ruleCode: codes.volunteer,
      occurredOn: '2026-11-19',
      hours: 1.5,
    });
    const html = await page(asA, '/console/review');
    expect(html.indexOf(`data-claim="${first}"`)).toBeLessThan(html.indexOf(`data-claim="${second}"`));
    const card = cardOf(html, first);
    expect(card).toContain('王桂兰');
    expect(card).toContain('参加义务巡逻');
    expect(card).toContain('和邻居一起巡逻');
    expect(card).toMatch(/data-points="30"/);
    expect(card).toMatch(
      /<img src="\/console\/evidence\/[0-9a-f-]{36}" alt="王桂兰的申报照片 1"[^>]*class="photo large"/,
    );
    expect(card).toContain('这位居民最近的申报');
    expect(cardOf(html, second)).toContain('1.5 小时');

    // Filters: by category and by rule.
    const volunteering = await page(asA, `/console/review?category=${encodeURIComponent('志愿活动')}`);
    expect(volunteering).toContain(`data-claim="${second}"`);
    expect(volunteering).not.toContain(`data-claim="${first}"`);
    const patrols = await page(asA, `/console/review?rule=${codes.patrol}`);
    expect(patrols).toContain(`data-claim="${first}"`);
    expect(patrols).not.toContain(`data-claim="${second}"`);
  });

  it('photos are served to staff through the console, privately; not to anyone signed out', async () => {
    const html = await page(asA, '/console/review');
    const id = /\/console\/evidence\/([0-9a-f-]{36})/.exec(html)![1]!;
    const res = await asA.request('GET', `/console/evidence/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toContain('private');
    expect(new Uint8Array(await res.arrayBuffer()).subarray(1, 4)).toEqual(
      new Uint8Array([0x50, 0x4e, 0x47]),
    );
    const anonymous = await consoleSession(() => api.app).request('GET', `/console/evidence/${id}`);
    expect(anonymous.status).toBe(303);
    const unknown = await asA.request('GET', '/console/evidence/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('找不到这张照片');
  });

  it('approving a fixed claim pays the resident; a decided claim cannot be decided again', async () => {
    const id = /data-claim="([0-9a-f-]{36})"/.exec(
      await page(asA, `/console/review?rule=${codes.patrol}`),
    )![1]!;
    const before = await balance(wang);
    const done = await submit(asA, `/console/review/${id}/decide`, {
      decision: 'approve',
      rule: codes.patrol,
    });
    expect(done.location).toBe(`/console/review?rule=${codes.patrol}&decided=approved`);
    expect(done.html).toContain('已通过，积分已发放');
    expect(await balance(wang)).toBe(before + 30);
    const again = await submit(asB, `/console/review/${id}/decide`, { decision: 'approve' });
    expect(again.html).toContain('这条申报已经审核完毕');
    expect(await balance(wang)).toBe(before + 30);
    expect(await checkLedger(api.database.db)).toEqual([]);
  });

  it('four eyes: 120 points wait for a second reviewer, who is named; the first is refused in words', async () => {
    const id = await fileClaim(api, wang.token, {
      ruleCode: codes.idea,
      occurredOn: '2026-11-19',
      evidenceIds: [await upload(api, wang.token)],
    });
    const before = await balance(wang);
    const card = cardOf(await page(asA, '/console/review'), id);
    expect(card).toContain('给多少积分（20–160）');
    expect(card).toContain('给分超过 50 积分时需两位审核人分别通过');

    const outOfRange = await submit(asA, `/console/review/${id}/decide`, {
      decision: 'approve',
      points: '200',
    });
    expect(outOfRange.html).toContain('分值超出了这条规则允许的范围');
    expect(await claimStatus(id)).toBe('submitted');
    const noPoints = await submit(asA, `/console/review/${id}/decide`, { decision: 'approve', points: '' });
    expect(noPoints.html).toContain('data-error');
    expect(await claimStatus(id)).toBe('submitted');

    const first = await submit(asA, `/console/review/${id}/decide`, { decision: 'approve', points: '120' });
    expect(first.html).toContain('已通过初审，等待另一位审核人复核');
    expect(await claimStatus(id)).toBe('awaiting_second');
    expect(await balance(wang)).toBe(before);
    const waiting = cardOf(await page(asA, '/console/review'), id);
    expect(waiting).toContain('审核员甲 已通过初审（120 积分），等待另一位审核人复核');
    expect(waiting).toContain('您已通过初审，复核必须由另一位审核人完成');
    expect(waiting).toMatch(/name="points"[^>]*value="120"/);

    const same = await submit(asA, `/console/review/${id}/decide`, { decision: 'approve', points: '120' });
    expect(same.html).toContain('data-error="second_reviewer_required"');
    expect(same.html).toContain('需要另一位审核人再审一次，同一个人不能审两次');
    expect(await claimStatus(id)).toBe('awaiting_second');
    const otherView = cardOf(await page(asB, '/console/review'), id);
    expect(otherView).toContain('审核员甲 已通过初审');
    expect(otherView).not.toContain('您已通过初审');
    const disagree = await submit(asB, `/console/review/${id}/decide`, {
      decision: 'approve',
      points: '100',
    });
    expect(disagree.html).toContain('第二位审核人的分值要和第一位一致');
    expect(await claimStatus(id)).toBe('awaiting_second');
    const second = await submit(asB, `/console/review/${id}/decide`, { decision: 'approve', points: '120' });
    expect(second.html).toContain('已通过，积分已发放');
    expect(await balance(wang)).toBe(before + 120);
    expect(await checkLedger(api.database.db)).toEqual([]);
  });

  it('refusing takes a reason from the short list plus words; asking for more material needs words', async () => {
    const id = /data-claim="([0-9a-f-]{36})"/.exec(
      await page(asA, `/console/review?rule=${codes.volunteer}`),
    )![1]!;
    const card = cardOf(await page(asA, '/console/review'), id);
    for (const words of ['照片看不清', '与规则不符', '重复申报', '时间不对', '需补充材料'])
      expect(card).toContain(words);
    const noWords = await submit(asA, `/console/review/${id}/decide`, { decision: 'ask_more', reason: '' });
    expect(noWords.html).toContain('data-error');
    expect(await claimStatus(id)).toBe('submitted');
    const asked = await submit(asA, `/console/review/${id}/decide`, {
      decision: 'ask_more',
      reason: '请补充签到表',
    });
    expect(asked.html).toContain('已请居民补充材料');
    expect(await claimStatus(id)).toBe('needs_more');
    const stage = await page(asA, '/console/review?status=needs_more');
    expect(cardOf(stage, id)).toContain('请补充签到表');

    const other = await fileClaim(api, li.token, {
      ruleCode: codes.volunteer,
      occurredOn: '2026-11-17',
      hours: 1,
    });
    const refused = await submit(asB, `/console/review/${other}/decide`, {
      decision: 'refuse',
      preset: '3',
      reason: '当天没有活动',
    });
    expect(refused.html).toContain('已记为不通过');
    const mine = await (await api.call('GET', '/v1/me/claims', { token: li.token })).json();
    expect(mine.claims.find((c: { id: string }) => c.id === other)).toMatchObject({
      status: 'refused',
      reason: '时间不对：当天没有活动',
    });
  });

  it('a patrol of many is approved in one go, each under its rule; what could not be is said in words', async () => {
    const people = await Promise.all(
      ['张一', '张二', '张三'].map((n) => createResident(api, coordinator, n, 0)),
    );
    const patrol = await Promise.all(
      people.map((p) => fileClaim(api, p.token, { ruleCode: codes.patrol, occurredOn: '2026-11-19' })),
    );
    const idea = await fileClaim(api, people[0]!.token, {
      ruleCode: codes.idea,
      occurredOn: '2026-11-19',
      evidenceIds: [await upload(api, people[0]!.token)],
    });
    const award = await (
      await api.call('POST', '/v1/claims', {
        token: coordinator,
        headers: { 'idempotency-key': 'award-at-counter-1' },
        body: { residentId: people[1]!.id, ruleCode: codes.award, occurredOn: '2026-11-19' },
      })
    ).json();
    const fd = new FormData();
    for (const id of [...patrol, idea, award.id]) fd.append('ids', id);
    const res = await asA.request('POST', '/console/review/bulk', fd);
    expect(res.status).toBe(200);
    const html = await res.text();
    const outcomes = Object.fromEntries(
      [...html.matchAll(/data-claim="([0-9a-f-]{36})" data-outcome="([a-z_]+)"/g)].map((m) => [m[1], m[2]]),
    );
    expect(outcomes).toEqual({
      [patrol[0]!]: 'approved',
      [patrol[1]!]: 'approved',
      [patrol[2]!]: 'approved',
      [idea]: 'points_out_of_range',
      [award.id]: 'awaiting_second',
    });
    expect(html).toContain('分值超出了这条规则允许的范围');
    expect(html).toContain('已通过初审，等待另一位审核人复核');
    for (const p of people) expect(await balance(p)).toBe(30);
    expect(await claimStatus(idea)).toBe('submitted');
    expect(await checkLedger(api.database.db)).toEqual([]);
  });

  it('staff file a claim at the counter with a photo, once however often the form is sent', async () => {
    const form = await page(asClerk, `/console/residents/${li.id}`);
    expect(form).toContain(`href="/console/residents/${li.id}/claim"`);
    expect(form).not.toContain('/console/deductions/new'); // no right to deduct
    const claimPage = await page(asClerk, `/console/residents/${li.id}/claim`);
    const nonce = /name="nonce" value="([0-9a-f-]{36})"/.exec(claimPage)![1]!;
    expect(claimPage).toContain('市级表彰');
    expect(claimPage).not.toContain('乱扔垃圾'); // deductions are not claimed
    const photosBefore = await photosStored();
    const send = () => {
      const fd = new FormData();
      fd.set('nonce', nonce);
      fd.set('ruleCode', codes.patrol);
      fd.set('occurredOn', '2026-11-20');
      fd.set('note', '代老人申报');
      fd.set('public', 'yes');
      fd.append('photos', new Blob([photo(40) as Uint8Array<ArrayBuffer>], { type: 'image/png' }), 'a.png');
      return submit(asClerk, `/console/residents/${li.id}/claim`, fd);
    };
    const filed = await send();
    expect(filed.location).toBe(`/console/residents/${li.id}?filed=1`);
    expect(filed.html).toContain('已代为申报，等待审核');
    await send();
    const mine = (await (await api.call('GET', '/v1/me/claims', { token: li.token })).json()).claims.filter(
      (c: { note: string | null }) => c.note === '代老人申报',
    );
    expect(mine).toHaveLength(1);
    expect(mine[0].evidenceIds).toHaveLength(1);
    expect(await photosStored()).toBe(photosBefore + 1);
    expect(filed.html).toMatch(new RegExp(`data-claim="${mine[0].id}" data-status="submitted"`));

    // Whoever filed it cannot review it: a page in words.
    await api.call('PATCH', `/v1/staff/${await staffId('d@test.cn')}`, {
      token: coordinator,
      body: { rights: ['reviewer'] },
    });
    const own = await asClerk.request('POST', `/console/review/${mine[0].id}/decide`, {
      decision: 'approve',
    });
    expect(own.status).toBe(403);
    expect(await own.text()).toContain('不能审核自己代为申报的内容');
    expect(await claimStatus(mine[0].id)).toBe('submitted');
  });

  it('a refused counter claim stores no photo and files nothing', async () => {
    const claimPage = await page(asClerk, `/console/residents/${li.id}/claim`);
    const nonce = /name="nonce" value="([0-9a-f-]{36})"/.exec(claimPage)![1]!;
    const before = await photosStored();
    const claimsBefore = (await (await api.call('GET', '/v1/me/claims', { token: li.token })).json()).claims
      .length;
    const fd = new FormData();
    fd.set('nonce', nonce);
    fd.set('ruleCode', codes.volunteer); // takes no photos, and needs hours
    fd.set('occurredOn', '2026-11-20');
    fd.append('photos', new Blob([photo() as Uint8Array<ArrayBuffer>], { type: 'image/png' }), 'a.png');
    const refused = await submit(asClerk, `/console/residents/${li.id}/claim`, fd);
    expect(refused.location).toContain('error=hours_required');
    expect(refused.html).toContain('请填写时长');
    const future = new FormData();
    future.set('nonce', nonce);
    future.set('ruleCode', codes.patrol);
    future.set('occurredOn', '2026-12-25');
    expect((await submit(asClerk, `/console/residents/${li.id}/claim`, future)).html).toContain(
      '不能申报还没到的日子',
    );
    const notPhoto = new FormData();
    notPhoto.set('nonce', nonce);
    notPhoto.set('ruleCode', codes.patrol);
    notPhoto.set('occurredOn', '2026-11-20');
    notPhoto.append('photos', new Blob(['%PDF-1.4'], { type: 'image/png' }), 'a.png');
    expect((await submit(asClerk, `/console/residents/${li.id}/claim`, notPhoto)).html).toContain(
      '这个文件不是照片',
    );
    expect(await photosStored()).toBe(before);
    expect((await (await api.call('GET', '/v1/me/claims', { token: li.token })).json()).claims.length).toBe(
      claimsBefore,
    );
  });

  let deductionId = '';

  it('a deduction from the resident’s page says what was deducted and what the free balance gave', async () => {
    const residentPage = await page(asInspector, `/console/residents/${li.id}`);
    expect(residentPage).toContain(`/console/deductions/new?residentId=${li.id}`);
    const form = await page(asInspector, `/console/deductions/new?residentId=${li.id}`);
    expect(form).toContain('对「李建国」登记扣分');
    expect(form).toContain('乱扔垃圾');
    expect(form).not.toContain('参加义务巡逻');
    const nonce = /name="nonce" value="([0-9a-f-]{36})"/.exec(form)![1]!;
    const free = await balance(li);
    expect(free).toBe(30);
    const send = () => {
      const fd = new FormData();
      fd.set('nonce', nonce);
      fd.set('residentId', li.id);
      fd.set('ruleCode', codes.litter);
      fd.set('points', '');
      fd.set('note', '楼下乱扔垃圾');
      fd.append('photos', new Blob([photo(80) as Uint8Array<ArrayBuffer>], { type: 'image/png' }), 'p.png');
      return asInspector.request('POST', '/console/deductions/new', fd);
    };
    const res = await send();
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/data-points="40" data-taken="30"/);
    expect(html).toContain('按「乱扔垃圾」扣 40 积分；可用积分只够扣 30 积分，实际扣除 30 积分');
    expect(html).toContain('居民可在');
    await send(); // the same form again deducts nothing more
    expect(await balance(li)).toBe(0);
    const mine = (await (await api.call('GET', '/v1/me/deductions', { token: li.token })).json()).deductions;
    expect(mine).toHaveLength(1);
    deductionId = mine[0].id;
    const list = await page(asInspector, '/console/deductions');
    expect(list).toContain(`data-deduction="${deductionId}" data-appeal="none"`);
    expect(list).toContain('督导员丙');
    expect(await checkLedger(api.database.db)).toEqual([]);

    const tooMany = await submit(asInspector, '/console/deductions/new', {
      nonce: '11111111-1111-4111-8111-111111111111',
      residentId: wang.id,
      ruleCode: codes.litter,
      points: '41',
    });
    expect(tooMany.html).toContain('分值超出了这条规则允许的范围');
    const notDeduction = await submit(asInspector, '/console/deductions/new', {
      nonce: '22222222-2222-4222-8222-222222222222',
      residentId: wang.id,
      ruleCode: codes.patrol,
    });
    expect(notDeduction.html).toContain('请选择一条扣分规则');
    expect(
      (await (await api.call('GET', '/v1/me/deductions', { token: wang.token })).json()).deductions,
    ).toEqual([]);
  });

  it('a household deduction is chosen from the deductions page', async () => {
    const household = await (
      await api.call('POST', '/v1/households', { token: coordinator, body: { name: '王家' } })
    ).json();
    const list = await page(asInspector, '/console/deductions');
    expect(list).toContain(`<option value="${household.id}">王家</option>`);
    expect(list).not.toContain('待处理的申诉'); // an inspector does not decide appeals
    const form = await page(asInspector, `/console/deductions/new?householdId=${household.id}`);
    const nonce = /name="nonce" value="([0-9a-f-]{36})"/.exec(form)![1]!;
    const res = await asInspector.request('POST', '/console/deductions/new', {
      nonce,
      householdId: household.id,
      ruleCode: codes.litter,
      points: '5',
      note: '公共区域堆放杂物',
    });
    expect(await res.text()).toContain('王家: 按「乱扔垃圾」扣 5 积分；可用积分只够扣 0 积分');
  });

  it('an appeal waits for a reviewer other than the one who recorded it, who gives the points back', async () => {
    const appealed = await api.call('POST', `/v1/deductions/${deductionId}/appeal`, {
      token: li.token,
      body: { note: '那天我不在家' },
    });
    expect(appealed.status).toBe(200);
    // The inspector who recorded it has no right to decide appeals at all.
    const refused = await asInspector.request('GET', '/console/deductions/appeals');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('您的账户不能做这个操作');

    // A reviewer who recorded a deduction sees why they cannot decide its appeal, and is refused.
    const own = await page(asB, `/console/deductions/new?residentId=${wang.id}`);
    const nonce = /name="nonce" value="([0-9a-f-]{36})"/.exec(own)![1]!;
    await asB.request('POST', '/console/deductions/new', {
      nonce,
      residentId: wang.id,
      ruleCode: codes.litter,
      points: '10',
    });
    const wangDeduction = (await (await api.call('GET', '/v1/me/deductions', { token: wang.token })).json())
      .deductions[0].id;
    await api.call('POST', `/v1/deductions/${wangDeduction}/appeal`, { token: wang.token, body: {} });
    const queue = await page(asB, '/console/deductions/appeals');
    expect(queue).toContain('那天我不在家');
    expect(queue).toContain('（居民没有写理由）');
    const mineCard = queue.slice(queue.indexOf(`data-appeal="${wangDeduction}"`));
    expect(mineCard.slice(0, mineCard.indexOf('</article>'))).toContain(
      '这条扣分是您登记的，申诉须由另一位审核人处理',
    );
    const byRecorder = await submit(asB, `/console/deductions/${wangDeduction}/appeal`, {
      uphold: 'yes',
      reason: '我自己撤销',
    });
    expect(byRecorder.html).toContain('需要另一位审核人再审一次');
    expect(await page(asA, '/console/deductions/appeals')).toContain(`data-appeal="${wangDeduction}"`);

    const noReason = await submit(asA, `/console/deductions/${deductionId}/appeal`, {
      uphold: 'yes',
      reason: '',
    });
    expect(noReason.html).toContain('data-error');
    expect(await balance(li)).toBe(0);
    const upheld = await submit(asA, `/console/deductions/${deductionId}/appeal`, {
      uphold: 'yes',
      reason: '当天家中无人，撤销扣分',
    });
    expect(upheld.html).toContain('申诉成立，积分已退回');
    expect(await balance(li)).toBe(30);
    const rejected = await submit(asA, `/console/deductions/${wangDeduction}/appeal`, {
      uphold: 'no',
      reason: '有照片为证',
    });
    expect(rejected.html).toContain('已维持扣分');
    expect(rejected.html).toContain('没有待处理的申诉');
    expect(await checkLedger(api.database.db)).toEqual([]);
  });

  it('the good-deeds feed as staff see it, with a hide button that asks first', async () => {
    const id = await fileClaim(api, wang.token, {
      ruleCode: codes.patrol,
      occurredOn: '2026-11-20',
      note: '帮助走失老人回家',
      evidenceIds: [await upload(api, wang.token)],
      public: true,
    });
    await decideClaim(api, reviewerB.token, id, { decision: 'approve' });
    const feed = await page(asA, '/console/feed');
    expect(feed).toContain(`data-deed="${id}"`);
    expect(feed).toContain('王*兰 · 参加义务巡逻');
    expect(feed).toContain('帮助走失老人回家');
    expect(feed).toMatch(/<img src="\/console\/evidence\/[0-9a-f-]{36}"/);
    const ask = await page(asA, `/console/feed/${id}/hide`);
    expect(ask).toContain('隐藏王*兰的「参加义务巡逻」？');
    expect((await (await api.call('GET', '/v1/feed', { token: li.token })).json()).items).toHaveLength(1);
    const clerk = await asInspector.request('POST', `/console/feed/${id}/hide`, {});
    expect(clerk.status).toBe(403);
    const hidden = await submit(asA, `/console/feed/${id}/hide`, {});
    expect(hidden.html).toContain('已隐藏');
    expect(hidden.html).not.toContain(`data-deed="${id}"`);
    expect((await (await api.call('GET', '/v1/feed', { token: li.token })).json()).items).toEqual([]);
  });

  it('staff without the review right neither see nor open review, appeals or the feed', async () => {
    const home = await page(asInspector, '/console/');
    expect(home).not.toContain('href="/console/review"');
    expect(home).not.toContain('href="/console/feed"');
    expect(home).toContain('href="/console/deductions"');
    for (const path of ['/console/review', '/console/feed']) {
      const res = await asInspector.request('GET', path);
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain('您的账户不能做这个操作');
    }
    const queued = await fileClaim(api, wang.token, { ruleCode: codes.patrol, occurredOn: '2026-11-19' });
    const res = await asInspector.request('POST', `/console/review/${queued}/decide`, {
      decision: 'approve',
    });
    expect(res.status).toBe(403);
    expect(await claimStatus(queued)).toBe('submitted');
  });

  it('the dashboard shows the claims waiting and the median time from claim to decision', async () => {
    const html = await page(asCoordinator, '/console/');
    const waiting = Number(/data-stat="claims-waiting">(\d+)</.exec(html)![1]);
    const queue = (await (await api.call('GET', '/v1/claims', { token: coordinator })).json()).claims;
    expect(waiting).toBe(queue.length);
    expect(waiting).toBeGreaterThan(0);
    expect(html).toContain('待审核申报');
    expect(html).toContain('近 30 天申报到审核完成的中位时间');
    expect(html).toMatch(/data-stat="median-decision">\d+ 分钟</);
    expect(html).toMatch(/近 30 天审核完成 \d+ 条/);
  });

  it('the audit log names the new actions and what they touched, in words', async () => {
    const log = await page(asCoordinator, '/console/audit');
    for (const words of [
      '审核通过申报',
      '申报不通过',
      '请居民补充材料',
      '代居民申报',
      '登记扣分',
      '申诉成立，退回积分',
      '申诉不成立，维持扣分',
      '隐藏好人好事',
    ]) {
      expect(log).toContain(words);
    }
    expect(log).toMatch(
      /data-action="feed.hide">隐藏好人好事<\/td><td><strong>王桂兰 · 参加义务巡逻<\/strong>/,
    );
    expect(log).toMatch(/data-action="claim.approve">审核通过申报<\/td><td><strong>王桂兰<\/strong>/);
    expect(log).toContain('状态 待第二位审核人');
  });

  async function staffId(email: string): Promise<string> {
    const list = (await (await api.call('GET', '/v1/staff', { token: coordinator })).json()).staff;
    return list.find((s: { email: string }) => s.email === email).id;
  }
});
