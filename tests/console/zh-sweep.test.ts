/**
 * The zh-CN sweep over the console: a month of a small town's life (grants, sales, a reversal,
 * a double presentment, a closed and paid month, enrollment slips, bad forms), then every page
 * reachable from the dashboard by its links, every statement, the notice, slips and the pages a
 * refused form shows, rendered in zh-CN. Any Latin word not on the short allowed list fails,
 * naming the page. Visible text includes what a screen reader or a hover shows (placeholders,
 * titles, labels, button values).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { createResident, enrollDevice, presentTwice } from '../helpers/world.ts';
import { latinWords, visibleText } from '../helpers/zh-sweep.ts';
import { createRules, decideClaim, fileClaim, inviteStaff, upload } from './earning-world.ts';

/** A person's e-mail address is data, like a web address, not a word of the page. */
const withoutEmails = (text: string) => text.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ');

describe('the console in zh-CN says everything in Chinese', () => {
  let api: TestApi;
  const session = consoleSession(() => api.app);
  const pages = new Map<string, string>();

  beforeAll(async () => {
    api = await createTestApi({ demo: true, start: '2026-11-05T02:00:00Z' });
    const coordinator = await api.login();
    const merchants = (await (await api.call('GET', '/v1/merchants', { token: coordinator })).json())
      .merchants;
    const barber = merchants[0];
    const [front, back] = [
      await enrollDevice(api, coordinator, barber.id),
      await enrollDevice(api, coordinator, barber.id),
    ];
    const pos = await (
      await api.call('POST', `/v1/merchants/${barber.id}/pos-keys`, { token: coordinator })
    ).json();
    expect(pos.key).toEqual(expect.any(String));
    await api.call('POST', `/v1/merchants/${barber.id}/funding`, {
      token: coordinator,
      body: { fromMonth: '2026-11', rule: 'per_point', fenPerPoint: 10 },
    });
    await api.call('POST', `/v1/merchants/${merchants[1].id}/funding`, {
      token: coordinator,
      body: { fromMonth: '2026-11', rule: 'merchant' },
    });
    const li = await createResident(api, coordinator, '李建国', 860);
    for (const points of [50, 30]) {
      const code = await li.voucher({ capPoints: points });
      const sync = await api.call('POST', '/v1/redemptions/sync', {
        token: front.token,
        body: {
          records: [
            front.sign({ voucher: code.text, points, offerId: 'haircut-5', billFen: 3000, discountFen: 500 }),
          ],
        },
      });
      const result = (await sync.json()).results[0];
      if (points === 30) {
        const reversed = await api.call('POST', `/v1/redemptions/${result.id}/reverse`, {
          token: front.token,
        });
        expect(reversed.status).toBe(200);
      }
    }
    await presentTwice(api, li, [front, back], { points: 20, billFen: 2000, discountFen: 200 });
    const conflicts = (await (await api.call('GET', '/v1/conflicts', { token: coordinator })).json())
      .conflicts;
    await api.call('POST', `/v1/conflicts/${conflicts[0].id}/decide`, {
      token: coordinator,
      body: { bears: 'alliance', note: '居民不知情' },
    });
    await presentTwice(api, li, [front, back], { points: 10 }); // one left open
    await api.call('POST', `/v1/devices/${back.deviceId}/revoke`, { token: coordinator });

    // Households as places (issue #16): a template, two households checked in November.
    const template = await (
      await api.call('POST', '/v1/inspection-templates', {
        token: coordinator,
        body: {
          name: '门前三包',
          items: [
            { code: 'clean', title: '包卫生', kept: 1, lost: 0 },
            { code: 'green', title: '包绿化', kept: 1, lost: 0 },
          ],
          bonus: { cap: 10, items: [{ code: 'help', title: '志愿服务', points: 2 }] },
        },
      })
    ).json();
    const sun = await createResident(api, coordinator, '孙秀英', 0);
    const places: string[] = [];
    for (const [name, door, members] of [
      ['孙家', '窑子上 1号院', [sun.id]],
      ['周家', '窑子上 2号院', []],
    ] as const) {
      const res = await api.call('POST', '/v1/households', {
        token: coordinator,
        body: { name, doorNumber: door, community: '窑子上', grid: '一网格', memberIds: members },
      });
      expect(res.status).toBe(201);
      places.push((await res.json()).id);
    }
    for (const [i, id] of places.entries()) {
      const check = await api.call('POST', '/v1/inspections', {
        token: coordinator,
        headers: { 'idempotency-key': `sweep-check-${i}` },
        body: {
          householdId: id,
          templateId: template.id,
          items: [
            { code: 'clean', ok: true },
            { code: 'green', ok: i === 0 },
            { code: 'help', ok: true },
          ],
        },
      });
      expect(check.status).toBe(201);
    }

    api.clock.set('2026-12-02T02:00:00Z');
    const token = await api.login();
    expect(
      (await api.call('POST', '/v1/scoring/months/2026-11/close', { token, body: { communityId: '窑子上' } }))
        .status,
    ).toBe(200);
    const sunSheet = (
      await (await api.call('GET', `/v1/households/${places[0]}/sheets?month=2026-11`, { token })).json()
    ).sheets[0];
    const sunSlip = await (
      await api.call('POST', `/v1/residents/${sun.id}/enrollment-code`, { token })
    ).json();
    const sunTokens = await (
      await api.call('POST', '/v1/enroll/resident', { body: { code: sunSlip.enrollmentCode } })
    ).json();
    expect(
      (
        await api.call('POST', `/v1/sheets/${sunSheet.id}/objections`, {
          token: sunTokens.accessToken,
          body: { note: '绿化那天是好的' },
        })
      ).status,
    ).toBe(201);
    const closed = await (await api.call('POST', '/v1/settlement/periods/2026-11/close', { token })).json();
    const statement = closed.statements.find((s: { merchantId: string }) => s.merchantId === barber.id);
    await api.call('POST', `/v1/settlement/statements/${statement.id}/paid`, {
      token,
      body: { reference: '转账 20261202001' },
    });

    // Earning points: staff with each right (one disabled), a rule of each kind, claims in each
    // state, a claim filed at the counter, a deduction with its appeal, a public good deed.
    const reviewerA = await inviteStaff(api, token, {
      name: '审核员甲',
      email: 'reviewer-a@test.cn',
      rights: ['reviewer'],
      areas: ['容东片区', '第一网格'],
    });
    const reviewerB = await inviteStaff(api, token, {
      name: '审核员乙',
      email: 'reviewer-b@test.cn',
      rights: ['reviewer', 'inspector'],
    });
    await inviteStaff(api, token, { name: '活动组织员', email: 'organizer@test.cn', rights: ['organizer'] });
    const cashier = await inviteStaff(api, token, {
      name: '收银员',
      email: 'cashier@test.cn',
      rights: ['cashier'],
    });
    await api.call('PATCH', `/v1/staff/${cashier.id}`, { token, body: { disabled: true } });
    const { codes } = await createRules(api, token, 'sweep');
    const wang = await createResident(api, token, '王桂兰', 0);
    const zhao = await createResident(api, token, '赵建华', 100);
    await fileClaim(api, wang.token, {
      ruleCode: codes.patrol,
      occurredOn: '2026-12-01',
      note: '晚上和邻居一起巡逻',
      evidenceIds: [await upload(api, wang.token)],
      public: true,
    });
    const idea = await fileClaim(api, wang.token, {
      ruleCode: codes.idea,
      occurredOn: '2026-12-01',
      note: '楼道加装扶手的建议',
      evidenceIds: [await upload(api, wang.token)],
    });
    await decideClaim(api, reviewerA.token, idea, { decision: 'approve', points: 120 });
    const deed = await fileClaim(api, zhao.token, {
      ruleCode: codes.patrol,
      occurredOn: '2026-11-30',
      evidenceIds: [await upload(api, zhao.token)],
      note: '帮助走失老人回家',
      public: true,
    });
    await decideClaim(api, reviewerA.token, deed, { decision: 'approve' });
    const refused = await fileClaim(api, zhao.token, {
      ruleCode: codes.volunteer,
      occurredOn: '2026-11-29',
      hours: 2,
    });
    await decideClaim(api, reviewerB.token, refused, {
      decision: 'refuse',
      reason: '时间不对：当天没有活动',
    });
    const more = await fileClaim(api, zhao.token, {
      ruleCode: codes.volunteer,
      occurredOn: '2026-11-28',
      hours: 1.5,
    });
    await decideClaim(api, reviewerA.token, more, { decision: 'ask_more', reason: '请补充活动签到表' });
    const atCounter = await api.call('POST', '/v1/claims', {
      token: reviewerB.token,
      headers: { 'idempotency-key': 'sweep-counter-claim' },
      body: { residentId: zhao.id, ruleCode: codes.award, occurredOn: '2026-11-27', note: '市级好人榜' },
    });
    expect(atCounter.status).toBe(201);
    const deduction = await api.call('POST', '/v1/deductions', {
      token: reviewerB.token,
      body: { residentId: zhao.id, ruleCode: codes.litter, note: '楼下乱扔垃圾' },
    });
    expect(deduction.status).toBe(201);
    const appealed = await api.call('POST', `/v1/deductions/${(await deduction.json()).id}/appeal`, {
      token: zhao.token,
      body: { note: '那天我不在家' },
    });
    expect(appealed.status).toBe(200);

    expect(
      (
        await session.request('POST', '/console/login', {
          email: ADMIN.email,
          password: ADMIN.password,
          next: '/console/',
        })
      ).status,
    ).toBe(303);
  }, 120_000);
  afterAll(() => api.close());

  async function visit(path: string): Promise<string | undefined> {
    const res = await session.request('GET', path);
    if (res.status >= 300 && res.status < 400) return undefined;
    if (!(res.headers.get('content-type') ?? '').includes('text/html')) return undefined;
    const html = await res.text();
    pages.set(path, html);
    return html;
  }

  it('every page reachable from the dashboard, and every printout', async () => {
    const queue = [
      '/console',
      '/console/',
      '/console/login',
      '/console/settlement/close?month=2026-10',
      '/console/notice?month=2026-11&full=1',
      '/console/residents?q=李',
      '/console/households?q=窑子上',
      '/console/households?q=没有这户',
      '/console/scoring/close?month=2026-10&community=窑子上',
      '/console/notice/scoring?month=2026-11',
    ];
    const seen = new Set<string>();
    while (queue.length > 0 && seen.size < 400) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const html = await visit(path);
      if (!html) continue;
      for (const [, href] of html.matchAll(/href="(\/console[^"#]*)"/g)) {
        const next = href!.replace(/&amp;/g, '&');
        // One page of each list is enough: later pages have the same words.
        if (!seen.has(next) && !/[?&](page|after|lang)=/.test(next)) queue.push(next);
      }
    }
    expect(seen.size).toBeGreaterThan(15);
    const offenders = [...pages].flatMap(([path, html]) => {
      const words = latinWords(withoutEmails(visibleText(html)));
      return words.length ? [`${path}: ${words.join(' ')}`] : [];
    });
    expect(offenders).toEqual([]);
    // The earning pages were reached, and had something on them.
    const reached = [...pages.keys()];
    for (const page of [
      '/console/review',
      '/console/deductions',
      '/console/deductions/appeals',
      '/console/feed',
      '/console/rules',
      '/console/rules/new?kind=range',
      '/console/rules/import',
      '/console/staff',
      '/console/households',
      '/console/households/plates',
      '/console/scoring',
      '/console/scoring/templates',
      '/console/scoring/months/2026-11',
    ]) {
      expect(reached, page).toContain(page);
    }
    expect(reached.some((p) => /^\/console\/feed\/[0-9a-f-]{36}\/hide$/.test(p))).toBe(true);
    expect(reached.some((p) => /^\/console\/staff\/[0-9a-f-]{36}\/enable$/.test(p))).toBe(true);
    expect(reached.some((p) => /^\/console\/residents\/[0-9a-f-]{36}\/claim$/.test(p))).toBe(true);
    expect(reached.some((p) => p.startsWith('/console/deductions/new?residentId='))).toBe(true);
    expect(pages.get('/console/review')).toContain('data-status="awaiting_second"');
    expect(pages.get('/console/review')).toContain('审核员甲 已通过初审');
    expect(pages.get('/console/deductions/appeals')).toContain('那天我不在家');
    expect(pages.get('/console/feed')).toContain('帮助走失老人回家');
    expect(reached.some((p) => /^\/console\/households\/[0-9a-f-]{36}$/.test(p))).toBe(true);
    expect(reached.some((p) => /^\/console\/households\/[0-9a-f-]{36}\/plate$/.test(p))).toBe(true);
    expect(pages.get('/console/scoring')).toContain('绿化那天是好的');
    expect(pages.get('/console/notice/scoring?month=2026-11')).toContain('窑子上 1号院');
  });

  it('slips and the pages of refused forms', async () => {
    const merchants = (await session.request('GET', '/console/merchants').then((r) => r.text())).match(
      /\/console\/merchants\/([0-9a-f-]{36})/,
    );
    const merchantPath = `/console/merchants/${merchants![1]}`;
    const posts: [string, Record<string, string> | FormData][] = [
      ['/console/residents', { name: '赵大爷', phone: '13900000000' }],
      [`${merchantPath}/devices`, {}],
      ['/console/settlement/close', { month: '2026-12' }],
      ['/console/settlement/close', { month: 'not a month' }],
      ['/console/residents', { name: '' }],
      ['/console/residents/households', { name: '' }],
      [`${merchantPath}/offers`, { code: '', kind: 'amount_off', titleZh: '', titleEn: '' }],
      [`${merchantPath}/funding`, { fromMonth: '2026-11', rule: 'per_point', fenPerPoint: '5' }],
      ['/console/no-such-page', {}],
      ['/console/staff', { name: '', email: '不是邮箱', password: '短' }],
      ['/console/rules/new', { kind: 'range', code: '不行', category: '', titleZh: '', min: '9', max: '1' }],
      ['/console/review/00000000-0000-4000-8000-000000000000/decide', { decision: 'ask_more', reason: '' }],
      ['/console/review/00000000-0000-4000-8000-000000000000/decide', { decision: 'approve' }],
      ['/console/review/bulk', {}],
      ['/console/deductions/00000000-0000-4000-8000-000000000000/appeal', { uphold: 'yes', reason: '核实' }],
      ['/console/feed/00000000-0000-4000-8000-000000000000/hide', {}],
      ['/console/households', { doorNumber: '', name: '' }],
      ['/console/households', { doorNumber: '窑子上 1号院', name: '重名' }],
      ['/console/scoring/templates', { name: '' }],
      ['/console/scoring/templates', { name: '坏模板', item0: '包卫生', kept0: '0', lost0: '5' }],
      ['/console/scoring/close', { month: '2026-12', community: '' }],
      ['/console/scoring/close', { month: '2026-11', community: '窑子上' }],
      [
        '/console/scoring/objections/00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-000000000000',
        { uphold: 'true', score: '3', reason: '核实' },
      ],
      [
        '/console/scoring/objections/00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-000000000000',
        { uphold: 'true', score: '', reason: '' },
      ],
    ];
    const upload = new FormData();
    upload.set(
      'file',
      new Blob(['电话,积分,原因\n13000000000,10,志愿服务\n13900000000,十分,捡到钱包\n'], {
        type: 'text/csv',
      }),
      'grants.csv',
    );
    const offenders: string[] = [];
    const preview = await session.request('POST', '/console/residents/grants/preview', upload);
    expect(preview.status).toBeLessThan(500);
    const previewText = visibleText(await preview.text());
    expect(previewText).toContain('13000000000');
    if (latinWords(previewText).length)
      offenders.push(`bulk grant preview: ${latinWords(previewText).join(' ')}`);
    for (const [path, form] of posts) {
      let res = await session.request('POST', path, form);
      for (let hops = 0; hops < 3 && res.status >= 300 && res.status < 400; hops++) {
        res = await session.request('GET', res.headers.get('location')!);
      }
      expect(res.status, `${path} answers a page`).toBeLessThan(500);
      const words = latinWords(withoutEmails(visibleText(await res.text())));
      if (words.length) offenders.push(`POST ${path} ${JSON.stringify(form)}: ${words.join(' ')}`);
    }
    expect(offenders).toEqual([]);
  });
});
