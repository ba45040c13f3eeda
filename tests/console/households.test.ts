import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transfers } from '../../api/db/schema/index.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { problemWords } from '../../shared/problems.ts';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { createResident } from '../helpers/world.ts';
import { inviteStaff, STAFF_PASSWORD } from './earning-world.ts';

/**
 * The coordinator's console for households as places (issue #16), over HTTP: search opens a
 * household's file, the file shows its sheets and history, the plate sheet has one QR per
 * household, a reissue asks first and the old plate stops working, a template made from the
 * form, closing a scoring month after the confirm page posts points once, an upheld objection
 * changes the score, the notice ranks the households, and staff without the right are refused
 * in words.
 */
describe('console: households, plates, templates, scoring', () => {
  let api: TestApi;
  let coordinator = '';
  let templateId = '';
  let liId = '';
  let wangId = '';
  let memberId = '';
  const asCoordinator = consoleSession(() => api.app);
  const asClerk = consoleSession(() => api.app);

  const signIn = async (session: ReturnType<typeof consoleSession>, email: string, password: string) => {
    const res = await session.request('POST', '/console/login', { email, password, next: '/console/' });
    expect(res.status).toBe(303);
  };
  const page = async (session: ReturnType<typeof consoleSession>, path: string) => {
    const res = await session.request('GET', path);
    expect(res.status, path).toBe(200);
    return res.text();
  };
  const submit = async (
    session: ReturnType<typeof consoleSession>,
    path: string,
    form: Record<string, string>,
  ) => {
    const res = await session.request('POST', path, form);
    if (res.status !== 303) return { status: res.status, location: '', html: await res.text() };
    const location = res.headers.get('location')!;
    return { status: 303, location, html: await page(session, location) };
  };
  const check = async (householdId: string, checkedOn: string, failed: string[], bonus = false) => {
    const items = ['item-1', 'item-2', 'item-3'].map((code) => ({ code, ok: !failed.includes(code) }));
    const res = await api.call('POST', '/v1/inspections', {
      token: coordinator,
      headers: { 'idempotency-key': `check-${householdId}-${checkedOn}` },
      body: {
        householdId,
        templateId,
        checkedOn,
        items: bonus ? [...items, { code: 'bonus-1', ok: true }] : items,
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
  };
  const scoringMints = async () =>
    api.database.db
      .select()
      .from(transfers)
      .where(and(eq(transfers.kind, 'mint'), like(transfers.reason, '2026-11 评分%')));

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-02T02:00:00Z' });
    coordinator = await api.login();
    await signIn(asCoordinator, ADMIN.email, ADMIN.password);
    await inviteStaff(api, coordinator, { name: '窗口工作人员', email: 'clerk@test.cn', rights: [] });
    await signIn(asClerk, 'clerk@test.cn', STAFF_PASSWORD);
    const member = await createResident(api, coordinator, '李桂英', 0);
    memberId = member.id;
    const li = await api.call('POST', '/v1/households', {
      token: coordinator,
      body: {
        name: '李家',
        doorNumber: '窑子上 3号院',
        community: '窑子上',
        grid: '一网格',
        memberIds: [memberId],
      },
    });
    expect(li.status).toBe(201);
    liId = (await li.json()).id;
  });
  afterAll(() => api.close());

  it('creates a household from the form, and a search that matches one opens its file', async () => {
    const made = await submit(asCoordinator, '/console/households', {
      doorNumber: '窑子上 7号院',
      name: '王家',
      community: '窑子上',
      grid: '二网格',
    });
    expect(made.location).toMatch(/^\/console\/households\/[0-9a-f-]{36}$/);
    wangId = made.location.split('/').at(-1)!;
    expect(made.html).toContain('一户一档');
    expect(made.html).toContain('窑子上 7号院');

    const both = await page(asCoordinator, `/console/households?q=${encodeURIComponent('窑子上')}`);
    expect(both).toContain(`data-household="${liId}"`);
    expect(both).toContain(`data-household="${wangId}"`);

    const one = await asCoordinator.request('GET', `/console/households?q=${encodeURIComponent('3号院')}`);
    expect(one.status).toBe(303);
    expect(one.headers.get('location')).toBe(`/console/households/${liId}`);
    const byName = await asCoordinator.request('GET', `/console/households?q=${encodeURIComponent('王家')}`);
    expect(byName.headers.get('location')).toBe(`/console/households/${wangId}`);

    const taken = await submit(asCoordinator, '/console/households', {
      doorNumber: '窑子上 7号院',
      name: '重复',
    });
    expect(taken.html).toContain('data-error="door_number_taken"');
    const blank = await submit(asCoordinator, '/console/households', { doorNumber: '', name: '' });
    expect(blank.html).toContain('data-error="invalid_request"');
  });

  it('makes an inspection template from the form, in words', async () => {
    const saved = await submit(asCoordinator, '/console/scoring/templates', {
      name: '门前三包',
      item0: '包卫生',
      kept0: '1',
      lost0: '0',
      item1: '包绿化',
      kept1: '1',
      lost1: '0',
      item2: '包秩序',
      kept2: '1',
      lost2: '-1',
      cap: '10',
      bonus0: '志愿服务',
      bonusPoints0: '2',
      monthRule: 'every_check',
      frequency: 'weekly',
    });
    expect(saved.status).toBe(303);
    expect(saved.html).toContain('检查模板已保存');
    expect(saved.html).toContain('包秩序：保持 1 分，失分 -1 分');
    expect(saved.html).toContain('志愿服务：每次 +2 分');
    expect(saved.html).toContain('加分最多 10 分');
    expect(saved.html).toContain('每次检查都合格才算');
    const list = await (await api.call('GET', '/v1/inspection-templates', { token: coordinator })).json();
    const template = list.templates.find((x: { name: string }) => x.name === '门前三包');
    expect(template.items.map((i: { title: string }) => i.title)).toEqual(['包卫生', '包绿化', '包秩序']);
    expect(template.bonus).toEqual({ cap: 10, items: [{ code: 'bonus-1', title: '志愿服务', points: 2 }] });
    templateId = template.id;

    const empty = await submit(asCoordinator, '/console/scoring/templates', { name: '空模板' });
    expect(empty.html).toContain('data-error="invalid_request"');
  });

  it('the plate sheet has one QR per household; a reissue asks first and the old plate stops working', async () => {
    const sheet = await page(asCoordinator, '/console/households/plates');
    expect(sheet.match(/<svg/g)?.length).toBe(2);
    const urls = [...sheet.matchAll(/data-plate-url="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(2);
    const oldUrl = [...sheet.matchAll(/data-plate="([^"]+)" data-plate-url="([^"]+)"/g)].find(
      (m) => m[1] === liId,
    )![2]!;
    const oldToken = oldUrl.split('/').at(-1)!;
    expect((await api.call('GET', `/v1/households/plates/${oldToken}`, { token: coordinator })).status).toBe(
      200,
    );

    const ask = await page(asCoordinator, `/console/households/${liId}/plate`);
    expect(ask).toContain('重新制作 窑子上 3号院 的门牌？');
    expect(ask).toContain('旧门牌上的二维码立即失效');
    // Asking changed nothing yet.
    expect((await api.call('GET', `/v1/households/plates/${oldToken}`, { token: coordinator })).status).toBe(
      200,
    );

    const done = await submit(asCoordinator, `/console/households/${liId}/plate`, {});
    expect(done.location).toBe(`/console/households/plates?id=${liId}&reissued=1`);
    expect(done.html).toContain('新门牌已制作');
    expect(done.html.match(/<svg/g)?.length).toBe(1);
    const newUrl = /data-plate-url="([^"]+)"/.exec(done.html)![1]!;
    expect(newUrl).not.toBe(oldUrl);
    const refused = await api.call('GET', `/v1/households/plates/${oldToken}`, { token: coordinator });
    expect(refused.status).toBe(404);
    const fresh = await api.call('GET', `/v1/households/plates/${newUrl.split('/').at(-1)}`, {
      token: coordinator,
    });
    expect((await fresh.json()).id).toBe(liId);
  });

  it('the file shows this month’s sheet with each check’s marks, and the history', async () => {
    await api.call('POST', '/v1/grants', {
      token: coordinator,
      headers: { 'idempotency-key': 'grant-li-1' },
      body: { residentId: memberId, points: 30, reason: '打扫楼道' },
    });
    api.clock.set('2026-11-10T02:00:00Z');
    coordinator = await api.login();
    await check(liId, '2026-11-03', [], true);
    await check(liId, '2026-11-10', ['item-2']);
    await check(wangId, '2026-11-04', []);
    await check(wangId, '2026-11-09', ['item-1', 'item-3']);
    await signIn(asCoordinator, ADMIN.email, ADMIN.password);
    const file = await page(asCoordinator, `/console/households/${liId}`);
    expect(file).toContain('data-sheet="2026-11" data-status="open"');
    expect(file).toContain('包绿化');
    // 包绿化 failed on the 10th: lost under "every check".
    expect(file).toMatch(/data-line="item-2" data-kept="false"/);
    expect(file).toContain('11-03');
    expect(file).toContain('11-10');
    expect(file).toContain('data-total="base">2<');
    expect(file).toContain('data-total="bonus">+2<');
    expect(file).toContain('data-total="score">4<');
    expect(file).toContain('李桂英');
    expect(file).toContain('打扫楼道');
    expect(file).toContain('data-table="history"');
  });

  it('closing a month after the confirm page posts points once; closing again says so in words', async () => {
    api.clock.set('2026-12-02T02:00:00Z');
    coordinator = await api.login();
    await signIn(asCoordinator, ADMIN.email, ADMIN.password);
    const desk = await page(asCoordinator, '/console/scoring');
    expect(desk, desk.slice(desk.indexOf('<main'))).toContain(
      '<option value="2026-11" selected="">2026年11月</option>',
    );
    const confirm = await page(asCoordinator, '/console/scoring/close?month=2026-11&community=');
    expect(confirm).toContain('2026年11月 评分结账（全联盟）');
    expect(await scoringMints()).toHaveLength(0);

    const closed = await submit(asCoordinator, '/console/scoring/close', { month: '2026-11', community: '' });
    expect(closed.location).toMatch(/^\/console\/scoring\/months\/2026-11\?result=closed/);
    // 李家 (2 kept + 2 bonus) × 10; 王家 0 (items 1 and 3 lost: 0 + 1 − 1), so nothing posted for it.
    expect(closed.html, closed.html.slice(closed.html.indexOf('<main'))).toContain(
      '已结账：冻结 2 张评分表，发放 40 积分。',
    );
    expect(closed.html).toMatch(
      /data-rank="1" data-household="[^"]+">\s*<td class="num">1<\/td><td>窑子上 3号院/,
    );
    expect(await scoringMints()).toHaveLength(1);

    const again = await submit(asCoordinator, '/console/scoring/close', { month: '2026-11', community: '' });
    expect(again.html).toContain('已经结过账，这次没有任何变化');
    expect(await scoringMints()).toHaveLength(1);
    expect(await checkLedger(api.database.db)).toEqual([]);
  });

  it('an objection upheld with a corrected score changes the score', async () => {
    const sheets = await (
      await api.call('GET', `/v1/households/${liId}/sheets?month=2026-11`, { token: coordinator })
    ).json();
    const sheetId = sheets.sheets[0].id as string;
    const slip = await (
      await api.call('POST', `/v1/residents/${memberId}/enrollment-code`, { token: coordinator })
    ).json();
    const tokens = await (
      await api.call('POST', '/v1/enroll/resident', { body: { code: slip.enrollmentCode } })
    ).json();
    const objected = await api.call('POST', `/v1/sheets/${sheetId}/objections`, {
      token: tokens.accessToken,
      body: { note: '10 号那天绿化是好的' },
    });
    expect(objected.status).toBe(201);
    const objectionId = (await objected.json()).id;

    const desk = await page(asCoordinator, '/console/scoring');
    expect(desk).toContain(`data-objection="${objectionId}"`);
    expect(desk).toContain('10 号那天绿化是好的');
    const noReason = await submit(asCoordinator, `/console/scoring/objections/${sheetId}/${objectionId}`, {
      uphold: 'true',
      score: '5',
      reason: '',
    });
    expect(noReason.html).toContain('data-error="invalid_request"');

    const upheld = await submit(asCoordinator, `/console/scoring/objections/${sheetId}/${objectionId}`, {
      uphold: 'true',
      score: '5',
      reason: '照片显示绿化良好',
    });
    expect(upheld.html).toContain('异议已处理');
    expect(upheld.html).toContain('没有等待处理的异议');
    const file = await page(asCoordinator, `/console/households/${liId}`);
    expect(file).toContain('data-total="score">5<');
    expect(file).toContain('data-state="upheld"');
    expect(file).toContain('4 分 → 5 分');
    expect(file).toContain('2026-11 评分更正 4 → 5 分');
    expect(await checkLedger(api.database.db)).toEqual([]);
  });

  it('the notice lists the households ranked, names masked, with the most lost items and the committee line', async () => {
    const notice = await page(asCoordinator, '/console/notice/scoring?month=2026-11');
    expect(notice).toContain('2026年11月 月度评分公示');
    const ranks = [...notice.matchAll(/data-rank="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ranks).toEqual([1, 2]);
    expect(notice.indexOf('窑子上 3号院')).toBeLessThan(notice.indexOf('窑子上 7号院'));
    expect(notice).toContain('李*');
    expect(notice).not.toContain('<td>李家</td>');
    expect(notice).toContain('失分最多的项目');
    expect(notice).toContain('居民监督委员会（签字、盖章）');
    const full = await page(asCoordinator, '/console/notice/scoring?month=2026-11&names=full');
    expect(full).toContain('<td>李家</td>');
    expect(await page(asCoordinator, '/console/notice?month=2026-11')).toContain(
      '/console/notice/scoring?month=2026-11',
    );
  });

  it('the pages speak English when asked, and the audit log names the actions', async () => {
    const file = await page(asCoordinator, `/console/households/${liId}?lang=en`);
    expect(file).toContain('Household file');
    expect(file).toContain('Monthly scoring sheets');
    expect(await page(asCoordinator, '/console/scoring/templates')).toContain(
      'Kept only if it passed every check',
    );
    const audit = await page(asCoordinator, '/console/audit?lang=zh');
    for (const words of ['重新制作门牌', '新建检查模板', '月度评分结账', '异议成立，更正评分']) {
      expect(audit).toContain(words);
    }
  });

  it('staff without the right are refused in words, and nothing changes', async () => {
    await signIn(asClerk, 'clerk@test.cn', STAFF_PASSWORD);
    const words = problemWords('coordinator_only', 'zh');
    for (const path of [
      '/console/scoring',
      '/console/scoring/templates',
      '/console/scoring/close?month=2026-11',
    ]) {
      const res = await asClerk.request('GET', path);
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain(words);
    }
    const post = await asClerk.request('POST', '/console/scoring/templates', {
      name: '偷偷建的',
      item0: '项目',
    });
    expect(post.status).toBe(403);
    expect(await post.text()).toContain(words);
    // The desk's own pages are theirs: search and the file.
    expect(await page(asClerk, `/console/households/${wangId}`)).toContain('窑子上 7号院');
    const nav = await page(asClerk, '/console/households');
    expect(nav).toContain('href="/console/households"');
    expect(nav).not.toContain('href="/console/scoring"');
  });
});
