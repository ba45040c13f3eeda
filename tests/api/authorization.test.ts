import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../api/auth/passwords.ts';
import { alliances, staffUsers } from '../../api/db/schema/index.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';

/**
 * Every route × every role: exactly the access it should have. "Allowed" means the role gets
 * past authorization (any status but 401/403); everyone else gets 401 or 403. Tokens of another
 * alliance see that alliance's world only: someone else's resources answer 404.
 */
type RoleName = 'anonymous' | 'coordinator' | 'staff' | 'resident' | 'device' | 'pos' | 'otherCoordinator';

interface Fixture {
  tokens: Record<Exclude<RoleName, 'anonymous'>, string>;
  merchantId: string;
  residentId: string;
  deviceId: string;
}

interface RouteCase {
  method: string;
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  headers?: Record<string, string>;
  allowed: RoleName[];
  /** Roles that pass authorization but must not reach the resource (another alliance's). */
  hidden?: RoleName[];
}

const STAFF: RoleName[] = ['coordinator', 'staff', 'otherCoordinator'];
const NO_SUCH = '00000000-0000-4000-8000-000000000000';

const ROUTES: RouteCase[] = [
  { method: 'GET', path: () => '/v1/residents', allowed: STAFF },
  { method: 'POST', path: () => '/v1/residents', body: () => ({ name: '矩阵' }), allowed: STAFF },
  {
    method: 'POST',
    path: (f) => `/v1/residents/${f.residentId}/enrollment-code`,
    allowed: STAFF,
    hidden: ['otherCoordinator'],
  },
  {
    method: 'PATCH',
    path: (f) => `/v1/residents/${f.residentId}`,
    body: () => ({ phone: '13800000000' }),
    allowed: STAFF,
    hidden: ['otherCoordinator'],
  },
  { method: 'POST', path: () => '/v1/households', body: () => ({ name: '矩阵家' }), allowed: STAFF },
  {
    method: 'POST',
    path: () => '/v1/merchants',
    body: () => ({ name: '矩阵店' }),
    allowed: ['coordinator', 'otherCoordinator'],
  },
  { method: 'GET', path: () => '/v1/merchants', allowed: [...STAFF, 'resident'] },
  {
    method: 'PATCH',
    path: (f) => `/v1/merchants/${f.merchantId}`,
    body: () => ({ address: '幸福路 8 号' }),
    allowed: ['coordinator', 'otherCoordinator'],
    hidden: ['otherCoordinator'],
  },
  {
    method: 'POST',
    path: (f) => `/v1/merchants/${f.merchantId}/offers`,
    body: () => ({
      code: `m-${Math.random().toString(36).slice(2, 8)}`,
      kind: 'item',
      titleZh: '物',
      titleEn: 'item',
      points: 5,
      amountFen: 100,
    }),
    allowed: ['coordinator', 'otherCoordinator'],
    hidden: ['otherCoordinator'],
  },
  {
    method: 'POST',
    path: (f) => `/v1/merchants/${f.merchantId}/devices`,
    allowed: ['coordinator', 'otherCoordinator'],
    hidden: ['otherCoordinator'],
  },
  {
    method: 'POST',
    path: (f) => `/v1/merchants/${f.merchantId}/pos-keys`,
    allowed: ['coordinator', 'otherCoordinator'],
    hidden: ['otherCoordinator'],
  },
  {
    method: 'POST',
    path: () => '/v1/grants',
    headers: { 'idempotency-key': 'matrix-grant-1' },
    body: (f) => ({ residentId: f.residentId, points: 1, reason: '矩阵' }),
    allowed: STAFF,
    hidden: ['otherCoordinator'],
  },
  { method: 'GET', path: () => '/v1/me', allowed: ['resident'] },
  { method: 'GET', path: () => '/v1/me/history', allowed: ['resident'] },
  { method: 'GET', path: () => '/v1/me/cards', allowed: ['resident'] },
  { method: 'GET', path: () => '/v1/me/coupons', allowed: ['resident'] },
  { method: 'POST', path: () => '/v1/me/coupons', body: () => ({ offerId: NO_SUCH }), allowed: ['resident'] },
  { method: 'POST', path: () => `/v1/me/coupons/${NO_SUCH}/code`, allowed: ['resident'] },
  {
    method: 'PATCH',
    path: (f) => `/v1/merchants/${f.merchantId}/offers/${NO_SUCH}`,
    body: () => ({ minBillFen: 100 }),
    allowed: ['coordinator', 'otherCoordinator'],
    hidden: ['otherCoordinator'],
  },
  { method: 'POST', path: () => '/v1/vouchers', body: () => ({ capPoints: 1 }), allowed: ['resident'] },
  { method: 'DELETE', path: () => '/v1/vouchers/000000000000000000000000', allowed: ['resident'] },
  { method: 'GET', path: () => '/v1/vouchers/000000000000000000000000', allowed: ['resident'] },
  {
    method: 'POST',
    path: () => '/v1/merchant/vouchers/lookup',
    body: () => ({ code: '00000000' }),
    allowed: ['device'],
  },
  {
    method: 'GET',
    path: (f) => `/v1/merchants/${f.merchantId}/funding`,
    allowed: ['coordinator', 'otherCoordinator'],
    hidden: ['otherCoordinator'],
  },
  {
    method: 'POST',
    path: (f) => `/v1/merchants/${f.merchantId}/funding`,
    body: () => ({ fromMonth: '2099-01', rule: 'merchant' }),
    allowed: ['coordinator', 'otherCoordinator'],
    hidden: ['otherCoordinator'],
  },
  { method: 'GET', path: () => '/v1/merchant/config', allowed: ['device'] },
  // Household cards (issue #19).
  {
    method: 'POST',
    path: (f) => `/v1/residents/${f.residentId}/cards`,
    allowed: STAFF,
    hidden: ['otherCoordinator'],
  },
  {
    method: 'GET',
    path: (f) => `/v1/residents/${f.residentId}/cards`,
    allowed: STAFF,
    hidden: ['otherCoordinator'],
  },
  {
    method: 'PUT',
    path: () => `/v1/cards/${NO_SUCH}/pin`,
    body: () => ({ pin: '580213' }),
    allowed: [...STAFF, 'resident'],
  },
  { method: 'POST', path: () => `/v1/cards/${NO_SUCH}/lost`, allowed: [...STAFF, 'resident'] },
  { method: 'POST', path: () => `/v1/cards/${NO_SUCH}/unlock`, allowed: STAFF },
  {
    method: 'POST',
    path: () => '/v1/merchant/card-captures',
    body: () => ({ id: NO_SUCH, card: '9600000000000000', pin: '580213', points: 1 }),
    allowed: ['device'],
  },
  {
    method: 'POST',
    path: () => '/v1/pos/card-captures',
    headers: { 'idempotency-key': 'matrix-pos-card-1' },
    body: () => ({ card: '9600000000000000', pin: '580213', points: 1 }),
    allowed: ['pos'],
  },
  { method: 'GET', path: () => '/v1/merchant/redemptions', allowed: ['device'] },
  { method: 'GET', path: () => '/v1/merchant/statements', allowed: ['device'] },
  { method: 'POST', path: () => '/v1/redemptions/sync', body: () => ({ records: [] }), allowed: ['device'] },
  { method: 'POST', path: () => '/v1/pos/verify', body: () => ({ voucher: '95' }), allowed: ['pos'] },
  { method: 'GET', path: () => '/v1/settlement/periods', allowed: ['coordinator', 'otherCoordinator'] },
  // Unknown ids below: an allowed role gets past authorization and hears 404 (or 409).
  { method: 'POST', path: () => '/v1/redemptions', body: () => ({}), allowed: ['device'] },
  { method: 'POST', path: () => `/v1/redemptions/${NO_SUCH}/reverse`, allowed: ['device'] },
  {
    method: 'POST',
    path: () => '/v1/pos/captures',
    headers: { 'idempotency-key': 'matrix-pos-1' },
    body: () => ({ voucher: '95', points: 1, billFen: 0, discountFen: 0 }),
    allowed: ['pos'],
  },
  { method: 'POST', path: () => `/v1/pos/captures/${NO_SUCH}/reverse`, allowed: ['pos'] },
  {
    method: 'POST',
    path: () => '/v1/settlement/periods/2099-01/close',
    allowed: ['coordinator', 'otherCoordinator'],
  },
  {
    method: 'GET',
    path: () => `/v1/settlement/periods/${NO_SUCH}/statements`,
    allowed: ['coordinator', 'otherCoordinator'],
  },
  {
    method: 'GET',
    path: () => `/v1/settlement/statements/${NO_SUCH}/lines`,
    allowed: ['coordinator', 'otherCoordinator'],
  },
  {
    method: 'POST',
    path: () => `/v1/settlement/statements/${NO_SUCH}/paid`,
    body: () => ({ reference: 'x' }),
    allowed: ['coordinator', 'otherCoordinator'],
  },
  {
    method: 'POST',
    path: () => `/v1/conflicts/${NO_SUCH}/decide`,
    body: () => ({ bears: 'alliance' }),
    allowed: ['coordinator', 'otherCoordinator'],
  },
  {
    method: 'POST',
    path: () => '/v1/devices/dev_000000000000/revoke',
    allowed: ['coordinator', 'otherCoordinator'],
  },
  {
    method: 'POST',
    path: (f) => `/v1/merchants/${f.merchantId}/pos-keys/${NO_SUCH}/revoke`,
    allowed: ['coordinator', 'otherCoordinator'],
    hidden: ['otherCoordinator'],
  },
  { method: 'GET', path: () => '/v1/conflicts', allowed: ['coordinator', 'otherCoordinator'] },
  // Earning points.
  { method: 'GET', path: () => '/v1/staff', allowed: ['coordinator', 'otherCoordinator'] },
  { method: 'POST', path: () => '/v1/staff', body: () => ({}), allowed: ['coordinator', 'otherCoordinator'] },
  {
    method: 'PATCH',
    path: () => `/v1/staff/${NO_SUCH}`,
    body: () => ({}),
    allowed: ['coordinator', 'otherCoordinator'],
  },
  { method: 'GET', path: () => '/v1/rules', allowed: [...STAFF, 'resident'] },
  { method: 'GET', path: () => '/v1/rules/export', allowed: ['coordinator', 'otherCoordinator'] },
  { method: 'POST', path: () => '/v1/rules', body: () => ({}), allowed: ['coordinator', 'otherCoordinator'] },
  {
    method: 'PATCH',
    path: () => `/v1/rules/${NO_SUCH}`,
    body: () => ({}),
    allowed: ['coordinator', 'otherCoordinator'],
  },
  {
    method: 'POST',
    path: () => '/v1/rules/import',
    headers: { 'content-type': 'text/csv' },
    allowed: ['coordinator', 'otherCoordinator'],
  },
  {
    method: 'POST',
    path: () => '/v1/evidence',
    headers: { 'content-type': 'image/png' },
    allowed: [...STAFF, 'resident'],
  },
  { method: 'GET', path: () => `/v1/evidence/${NO_SUCH}`, allowed: [...STAFF, 'resident'] },
  {
    method: 'POST',
    path: () => '/v1/claims',
    headers: { 'idempotency-key': 'matrix-claim-1' },
    body: () => ({ ruleCode: 'none', occurredOn: '2026-11-01' }),
    allowed: [...STAFF, 'resident'],
  },
  { method: 'GET', path: () => '/v1/claims', allowed: ['coordinator', 'otherCoordinator'] },
  {
    method: 'POST',
    path: () => `/v1/claims/${NO_SUCH}/decisions`,
    body: () => ({ decision: 'refuse', reason: '矩阵' }),
    allowed: ['coordinator', 'otherCoordinator'],
  },
  {
    method: 'POST',
    path: () => `/v1/claims/${NO_SUCH}/material`,
    body: () => ({ note: '矩阵' }),
    allowed: ['resident'],
  },
  { method: 'POST', path: () => `/v1/claims/${NO_SUCH}/hide`, allowed: ['coordinator', 'otherCoordinator'] },
  { method: 'GET', path: () => '/v1/me/claims', allowed: ['resident'] },
  { method: 'GET', path: () => '/v1/me/deductions', allowed: ['resident'] },
  {
    method: 'POST',
    path: () => '/v1/deductions',
    body: (f) => ({ residentId: f.residentId, ruleCode: 'none' }),
    allowed: ['coordinator', 'otherCoordinator'],
  },
  { method: 'POST', path: () => `/v1/deductions/${NO_SUCH}/appeal`, body: () => ({}), allowed: ['resident'] },
  { method: 'GET', path: () => '/v1/deductions/appeals', allowed: ['coordinator', 'otherCoordinator'] },
  {
    method: 'POST',
    path: () => `/v1/deductions/${NO_SUCH}/appeal/decision`,
    body: () => ({ uphold: false, reason: '矩阵' }),
    allowed: ['coordinator', 'otherCoordinator'],
  },
  { method: 'GET', path: () => '/v1/feed', allowed: [...STAFF, 'resident'] },
  { method: 'POST', path: () => `/v1/feed/${NO_SUCH}/like`, allowed: ['resident'] },
  { method: 'GET', path: () => '/v1/households', allowed: STAFF },
  { method: 'POST', path: () => `/v1/households/${NO_SUCH}/plate`, allowed: STAFF },
  {
    method: 'GET',
    path: () => `/v1/households/plates/${NO_SUCH}`,
    allowed: ['coordinator', 'otherCoordinator'],
  },
  { method: 'GET', path: () => `/v1/households/${NO_SUCH}/sheets`, allowed: [...STAFF, 'resident'] },
  { method: 'GET', path: () => '/v1/inspection-templates', allowed: STAFF },
  {
    method: 'POST',
    path: () => '/v1/inspection-templates',
    body: () => ({}),
    allowed: ['coordinator', 'otherCoordinator'],
  },
  {
    method: 'POST',
    path: () => '/v1/inspections',
    body: () => ({}),
    headers: { 'idempotency-key': 'matrix-inspection-1' },
    allowed: ['coordinator', 'otherCoordinator'],
  },
  {
    method: 'POST',
    path: () => '/v1/scoring/months/2026-11/close',
    body: () => ({}),
    allowed: ['coordinator', 'otherCoordinator'],
  },
  { method: 'GET', path: () => '/v1/sheets/objections', allowed: ['coordinator', 'otherCoordinator'] },
  { method: 'GET', path: () => '/v1/scoring/months/2026-11/notice', allowed: [...STAFF, 'resident'] },
  {
    method: 'POST',
    path: () => '/v1/activities',
    body: () => ({
      title: '矩阵活动',
      ruleCode: 'none',
      place: '广场',
      startsAt: '2026-12-01T01:00:00Z',
      endsAt: '2026-12-01T03:00:00Z',
      capacity: 5,
    }),
    allowed: ['coordinator', 'otherCoordinator'],
  },
  { method: 'GET', path: () => '/v1/activities', allowed: [...STAFF, 'resident'] },
  { method: 'GET', path: () => `/v1/activities/${NO_SUCH}`, allowed: [...STAFF, 'resident'] },
  {
    method: 'POST',
    path: () => `/v1/activities/${NO_SUCH}/signups`,
    body: () => ({}),
    allowed: ['coordinator', 'otherCoordinator', 'resident'],
  },
  { method: 'DELETE', path: () => `/v1/activities/${NO_SUCH}/signups/me`, allowed: ['resident'] },
  {
    method: 'GET',
    path: () => `/v1/activities/${NO_SUCH}/checkin-code`,
    allowed: ['coordinator', 'otherCoordinator'],
  },
  {
    method: 'POST',
    path: () => `/v1/activities/${NO_SUCH}/attendance`,
    body: () => ({ token: 'i1.xxxxxxxxxxxxxxxxxxxxxx' }),
    allowed: ['resident'],
  },
  {
    method: 'POST',
    path: () => `/v1/activities/${NO_SUCH}/close`,
    body: () => ({}),
    allowed: ['coordinator', 'otherCoordinator'],
  },
  { method: 'GET', path: () => '/v1/rankings', allowed: [...STAFF, 'resident'] },
  // Goods (积分超市): the coordinator (staff need the cashier right), and the shop's own device or POS key.
  {
    method: 'POST',
    path: (f) => `/v1/merchants/${f.merchantId}/goods`,
    body: () => ({ name: '矩阵油', points: 30, unit: '桶' }),
    allowed: ['coordinator', 'device', 'pos', 'otherCoordinator'],
    hidden: ['otherCoordinator'],
  },
  {
    method: 'GET',
    path: (f) => `/v1/merchants/${f.merchantId}/goods`,
    allowed: ['coordinator', 'device', 'pos', 'otherCoordinator'],
    hidden: ['otherCoordinator'],
  },
  {
    method: 'GET',
    path: () => `/v1/goods/${NO_SUCH}`,
    allowed: ['coordinator', 'device', 'pos', 'otherCoordinator'],
  },
  {
    method: 'POST',
    path: () => `/v1/goods/${NO_SUCH}/stock-events`,
    body: () => ({ kind: 'delivery', quantity: 1 }),
    allowed: ['coordinator', 'device', 'pos', 'otherCoordinator'],
  },
  {
    method: 'GET',
    path: () => `/v1/goods/${NO_SUCH}/stock-events`,
    allowed: ['coordinator', 'device', 'pos', 'otherCoordinator'],
  },
  {
    method: 'GET',
    path: () => `/v1/goods/${NO_SUCH}/photo`,
    allowed: ['coordinator', 'device', 'pos', 'otherCoordinator'],
  },
  {
    method: 'PUT',
    path: () => `/v1/goods/${NO_SUCH}/photo`,
    headers: { 'content-type': 'image/jpeg' },
    allowed: ['coordinator', 'device', 'pos', 'otherCoordinator'],
  },
  {
    method: 'GET',
    path: (f) => `/v1/merchants/${f.merchantId}/goods-report?month=2026-11`,
    allowed: ['coordinator', 'otherCoordinator'],
    hidden: ['otherCoordinator'],
  },
  {
    method: 'GET',
    path: () => '/v1/goods/supplier-report?month=2026-11',
    allowed: ['coordinator', 'otherCoordinator'],
  },
  { method: 'GET', path: () => '/v1/goods/flagged', allowed: ['coordinator', 'otherCoordinator'] },
  {
    method: 'POST',
    path: () => `/v1/goods/flagged/${NO_SUCH}/checked`,
    allowed: ['coordinator', 'otherCoordinator'],
  },
  { method: 'GET', path: () => '/v1/screens', allowed: ['coordinator', 'otherCoordinator'] },
  {
    method: 'POST',
    path: () => '/v1/screens',
    body: () => ({ name: '矩阵屏' }),
    allowed: ['coordinator', 'otherCoordinator'],
  },
  {
    method: 'POST',
    path: () => `/v1/screens/${NO_SUCH}/revoke`,
    allowed: ['coordinator', 'otherCoordinator'],
  },
  // The public screen needs no sign-in: an unknown token is a 404 for everyone.
  {
    method: 'GET',
    path: () => `/v1/screen/${'A'.repeat(43)}`,
    allowed: [...STAFF, 'anonymous', 'resident', 'device', 'pos'],
  },
  {
    method: 'GET',
    path: () => `/v1/screen/${'A'.repeat(43)}/photos/${NO_SUCH}`,
    allowed: [...STAFF, 'anonymous', 'resident', 'device', 'pos'],
  },
  { method: 'GET', path: () => '/v1/awards', allowed: STAFF },
  {
    method: 'POST',
    path: () => '/v1/awards',
    body: (f) => ({
      period: 'month',
      at: '2026-10-01',
      scope: 'residents',
      holderId: f.residentId,
      gift: '矩阵',
    }),
    allowed: ['coordinator', 'otherCoordinator'],
  },
  {
    method: 'POST',
    path: () => `/v1/sheets/${NO_SUCH}/objections`,
    body: () => ({ note: '矩阵' }),
    allowed: ['resident'],
  },
  {
    method: 'POST',
    path: () => `/v1/sheets/${NO_SUCH}/objections/${NO_SUCH}/decision`,
    body: () => ({ uphold: false, reason: '矩阵' }),
    allowed: ['coordinator', 'otherCoordinator'],
  },
];

const ROLES: RoleName[] = [
  'anonymous',
  'coordinator',
  'staff',
  'resident',
  'device',
  'pos',
  'otherCoordinator',
];

describe('authorization matrix', () => {
  let api: TestApi;
  let fixture: Fixture;

  beforeAll(async () => {
    api = await createTestApi();
    const db = api.database.db;
    const coordinator = await api.login();
    await db.insert(staffUsers).values({
      allianceId: api.allianceId,
      email: 'staff@test.cn',
      name: '社区工作人员',
      role: 'staff',
      passwordHash: await hashPassword('staff password 1'),
    });
    const [other] = await db.insert(alliances).values({ name: '邻镇联盟' }).returning();
    await db.insert(staffUsers).values({
      allianceId: other!.id,
      email: 'other@test.cn',
      name: '邻镇协调员',
      role: 'coordinator',
      passwordHash: await hashPassword('other password 1'),
    });
    const staff = await api.login('staff@test.cn', 'staff password 1');
    const otherCoordinator = await api.login('other@test.cn', 'other password 1');

    const resident = await (
      await api.call('POST', '/v1/residents', { token: coordinator, body: { name: '居民' } })
    ).json();
    const residentTokens = await (
      await api.call('POST', '/v1/enroll/resident', { body: { code: resident.enrollmentCode } })
    ).json();
    const merchant = await (
      await api.call('POST', '/v1/merchants', { token: coordinator, body: { name: '商户' } })
    ).json();
    const slip = await (
      await api.call('POST', `/v1/merchants/${merchant.id}/devices`, { token: coordinator })
    ).json();
    const publicKey = (generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as { x: string }).x;
    const device = await (
      await api.call('POST', '/v1/enroll/device', { body: { code: slip.enrollmentCode, publicKey } })
    ).json();
    const pos = await (
      await api.call('POST', `/v1/merchants/${merchant.id}/pos-keys`, { token: coordinator })
    ).json();

    fixture = {
      tokens: {
        coordinator,
        staff,
        otherCoordinator,
        resident: residentTokens.accessToken,
        device: device.tokens.accessToken,
        pos: pos.key,
      },
      merchantId: merchant.id,
      residentId: resident.id,
      deviceId: device.deviceId,
    };
  });
  afterAll(() => api.close());

  for (const route of ROUTES) {
    for (const role of ROLES) {
      const allowed = route.allowed.includes(role);
      const hidden = route.hidden?.includes(role) ?? false;
      const expectation = hidden ? '404 (not theirs)' : allowed ? 'allowed' : 'refused';
      it(`${route.method} ${route.path({ merchantId: ':merchant', residentId: ':resident', deviceId: ':device' } as Fixture)} as ${role}: ${expectation}`, async () => {
        const token = role === 'anonymous' ? undefined : fixture.tokens[role];
        const res = await api.call(route.method, route.path(fixture), {
          ...(token ? { token } : {}),
          ...(route.body ? { body: route.body(fixture) } : {}),
          ...(route.headers ? { headers: route.headers } : {}),
        });
        if (hidden) expect(res.status).toBe(404);
        else if (allowed) expect([401, 403]).not.toContain(res.status);
        else expect([401, 403]).toContain(res.status);
        if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
      });
    }
  }

  it('every route of the OpenAPI document is in the matrix', async () => {
    const doc = await (await api.call('GET', '/openapi.json')).json();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`),
    );
    const fixture = { merchantId: '{}', residentId: '{}', deviceId: '{}' } as Fixture;
    const covered = new Set(
      ROUTES.map(
        (r) =>
          `${r.method} ${r
            .path(fixture)
            .split('?')[0]!
            .replace(/[0-9a-f-]{36}|dev_[0-9a-f]{12}|\b[0-9a-f]{24}\b|\d{4}-\d{2}(?=\/)/g, '{}')}`,
      ),
    );
    // Open by design: signing in and enrolling are how a person or a phone gets a token.
    const open = [
      'POST /v1/auth/login',
      'POST /v1/auth/first-sign-in',
      'POST /v1/auth/refresh',
      'POST /v1/auth/logout',
      'POST /v1/enroll/resident',
      'POST /v1/enroll/device',
      // The public screen (一屏公示): its link's token in the path is the only key (in the matrix above).
      'GET /v1/screen/{}',
      'GET /v1/screen/{}/photos/{}',
    ];
    expect(documented.filter((route) => !covered.has(route) && !open.includes(route))).toEqual([]);
  });

  it('a revoked device is refused everywhere a device is allowed', async () => {
    const coordinator = fixture.tokens.coordinator;
    expect(
      (await api.call('POST', `/v1/devices/${fixture.deviceId}/revoke`, { token: coordinator })).status,
    ).toBe(204);
    const res = await api.call('GET', '/v1/merchants', { token: fixture.tokens.device });
    expect(res.status).toBe(403);
    expect((await res.json()).type).toBe('device_revoked');
  });
});
