/**
 * Staff limited to some communities or grids work only there: a reviewer sees and decides only
 * the claims of residents whose household is in their areas, an inspector deducts only there, an
 * appeal is decided only there; the console's queue filters by community. Nothing outside changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';

describe('staff areas in earning', () => {
  let api: TestApi;
  let coordinator: string;
  let reviewer: string;
  let inspector: string;
  const claimIds: Record<string, string> = {};
  const residentIds: Record<string, string> = {};
  let n = 0;

  const call = (method: string, path: string, token: string | undefined, body?: unknown) =>
    api.call(method, path, { ...(token ? { token } : {}), ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-20T02:00:00Z' });
    coordinator = await api.login();
    await call('POST', '/v1/rules', coordinator, {
      code: 'tidy',
      category: '绿色社区',
      titleZh: '清理楼道',
      kind: 'fixed',
      points: 10,
      evidence: 'none',
      selfClaim: true,
    });
    await call('POST', '/v1/rules', coordinator, {
      code: 'litter',
      category: '绿色社区',
      titleZh: '乱扔垃圾',
      kind: 'deduction',
      points: 5,
      evidence: 'none',
      selfClaim: false,
    });
    for (const [who, place] of [
      ['东', { community: '东社区', grid: '一网格', doorNumber: '东 1 号' }],
      ['西', { community: '西社区', grid: '五网格', doorNumber: '西 9 号' }],
    ] as const) {
      const household = await (
        await call('POST', '/v1/households', coordinator, { name: `${who}家`, ...place })
      ).json();
      const r = await (
        await call('POST', '/v1/residents', coordinator, { name: `${who}居民`, householdId: household.id })
      ).json();
      residentIds[who] = r.id;
      const token = (
        await (await call('POST', '/v1/enroll/resident', undefined, { code: r.enrollmentCode })).json()
      ).accessToken;
      const filed = await api.call('POST', '/v1/claims', {
        token,
        headers: { 'idempotency-key': `areas-claim-${++n}` },
        body: { ruleCode: 'tidy', occurredOn: '2026-11-20' },
      });
      expect(filed.status).toBe(201);
      claimIds[who] = (await filed.json()).id;
    }
    // A resident in no household is not placed anywhere: every reviewer's.
    const loner = await (await call('POST', '/v1/residents', coordinator, { name: '独居居民' })).json();
    const lonerToken = (
      await (await call('POST', '/v1/enroll/resident', undefined, { code: loner.enrollmentCode })).json()
    ).accessToken;
    const lonerClaim = await api.call('POST', '/v1/claims', {
      token: lonerToken,
      headers: { 'idempotency-key': `areas-claim-${++n}` },
      body: { ruleCode: 'tidy', occurredOn: '2026-11-20' },
    });
    claimIds['无'] = (await lonerClaim.json()).id;
    for (const [email, rights] of [
      ['east-reviewer@test.cn', ['reviewer']],
      ['east-inspector@test.cn', ['inspector']],
    ] as const) {
      const res = await call('POST', '/v1/staff', coordinator, {
        name: email.split('@')[0],
        email,
        password: 'staff password',
        rights,
        areas: ['一网格'],
      });
      expect(res.status).toBe(201);
    }
    reviewer = await api.login('east-reviewer@test.cn', 'staff password');
    inspector = await api.login('east-inspector@test.cn', 'staff password');
  });
  afterAll(() => api.close());

  it('a reviewer sees and decides only the claims of their grid', async () => {
    const queue = (await (await call('GET', '/v1/claims', reviewer)).json()).claims;
    expect(queue.map((c: { id: string }) => c.id)).toEqual([claimIds['东'], claimIds['无']]);
    const all = (await (await call('GET', '/v1/claims', coordinator)).json()).claims;
    expect(all).toHaveLength(3);

    const outside = await call('POST', `/v1/claims/${claimIds['西']}/decisions`, reviewer, {
      decision: 'approve',
    });
    expect(outside.status).toBe(403);
    expect((await outside.json()).type).toBe('outside_your_area');
    const stillWaiting = (await (await call('GET', '/v1/claims', coordinator)).json()).claims;
    expect(stillWaiting.map((c: { id: string }) => c.id)).toContain(claimIds['西']);

    for (const who of ['东', '无']) {
      const inside = await call('POST', `/v1/claims/${claimIds[who]}/decisions`, reviewer, {
        decision: 'approve',
      });
      expect(inside.status).toBe(200);
    }
  });

  it('an inspector deducts only in their grid, and an appeal is decided only there', async () => {
    const outside = await call('POST', '/v1/deductions', inspector, {
      residentId: residentIds['西'],
      ruleCode: 'litter',
    });
    expect(outside.status).toBe(403);
    expect((await outside.json()).type).toBe('outside_your_area');
    const inside = await call('POST', '/v1/deductions', inspector, {
      residentId: residentIds['东'],
      ruleCode: 'litter',
    });
    expect(inside.status).toBe(201);

    // A deduction in the west, recorded by the coordinator and appealed: not the east reviewer's.
    const west = await (
      await call('POST', '/v1/deductions', coordinator, { residentId: residentIds['西'], ruleCode: 'litter' })
    ).json();
    const slip = await (
      await call('POST', `/v1/residents/${residentIds['西']}/enrollment-code`, coordinator)
    ).json();
    const token = (
      await (await call('POST', '/v1/enroll/resident', undefined, { code: slip.enrollmentCode })).json()
    ).accessToken;
    expect((await call('POST', `/v1/deductions/${west.id}/appeal`, token, { note: '不是我' })).status).toBe(
      200,
    );
    const decided = await call('POST', `/v1/deductions/${west.id}/appeal/decision`, reviewer, {
      uphold: true,
      reason: '核实',
    });
    expect(decided.status).toBe(403);
    expect((await decided.json()).type).toBe('outside_your_area');
  });

  it('the console queue filters by community', async () => {
    const session = consoleSession(() => api.app);
    const signedIn = await session.request('POST', '/console/login', {
      email: 'coordinator@test.cn',
      password: 'correct horse battery',
      next: '/console/',
    });
    expect(signedIn.status).toBe(303);
    const page = await (await session.request('GET', '/console/review')).text();
    expect(page).toContain('<option value="西社区">西社区</option>');
    const west = await (
      await session.request('GET', `/console/review?community=${encodeURIComponent('西社区')}`)
    ).text();
    expect(west).toContain(`data-claim="${claimIds['西']}"`);
    const east = await (
      await session.request('GET', `/console/review?community=${encodeURIComponent('东社区')}`)
    ).text();
    expect(east).not.toContain(`data-claim="${claimIds['西']}"`);
  });
});
