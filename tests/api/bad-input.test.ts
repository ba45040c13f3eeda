import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, merchants, offers, residents, transfers } from '../../api/db/schema/index.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';

/** Every bad request is answered with problem+json and changes nothing. */
describe('bad input', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await createTestApi();
    token = await api.login();
  });
  afterAll(() => api.close());

  async function snapshot() {
    const counts = await Promise.all(
      [residents, merchants, offers, auditLog].map((t) => api.database.db.select({ n: count() }).from(t)),
    );
    return counts.map((c) => c[0]!.n);
  }

  const cases: [string, string, string, unknown][] = [
    ['malformed JSON', 'POST', '/v1/residents', '{"name": "张三",'],
    ['a number where a string belongs', 'POST', '/v1/residents', { name: 42 }],
    ['an empty name', 'POST', '/v1/residents', { name: '   ' }],
    ['an unknown field', 'POST', '/v1/residents', { name: '张三', isAdmin: true }],
    [
      'a household id that is not a UUID',
      'POST',
      '/v1/residents',
      { name: '张三', householdId: "1' or '1'='1" },
    ],
    [
      'a phone number with SQL in it',
      'POST',
      '/v1/residents',
      { name: '张三', phone: "'; drop table residents; --" },
    ],
    ['an array instead of an object', 'POST', '/v1/merchants', [{ name: 'x' }]],
    [
      'a negative offer price',
      'POST',
      '/v1/merchants',
      {
        name: '店',
        offers: [
          { code: 'a', kind: 'amount_off', titleZh: '减', titleEn: 'off', points: -5, amountFen: 500 },
        ],
      },
    ],
    [
      'a huge offer price',
      'POST',
      '/v1/merchants',
      {
        name: '店',
        offers: [
          { code: 'a', kind: 'amount_off', titleZh: '减', titleEn: 'off', points: 50, amountFen: 1e20 },
        ],
      },
    ],
    [
      'a fractional percentage',
      'POST',
      '/v1/merchants',
      {
        name: '店',
        offers: [
          { code: 'a', kind: 'percent_off', titleZh: '折', titleEn: 'off', points: 50, percent: 12.5 },
        ],
      },
    ],
    [
      'an unknown offer kind',
      'POST',
      '/v1/merchants',
      { name: '店', offers: [{ code: 'a', kind: 'free_lunch', titleZh: '免', titleEn: 'free', points: 50 }] },
    ],
    ['a login without a password', 'POST', '/v1/auth/login', { email: 'a@b.cn' }],
    ['an enrollment code with letters', 'POST', '/v1/enroll/resident', { code: 'ABCD-EFGH-IJKL' }],
  ];

  it.each(cases)(
    '%s is a 400 problem+json naming what to fix, and nothing is written',
    async (_, method, path, body) => {
      const before = await snapshot();
      const res = await api.call(method, path, { token, body });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await res.json();
      expect(problem.type).toMatch(/^(invalid_request|malformed_json|invalid_enrollment_code)$/);
      expect(problem.title.length).toBeGreaterThan(10);
      expect(await snapshot()).toEqual(before);
    },
  );

  it.each([
    ['negative points', { points: -5, reason: 'x' }],
    ['fractional points', { points: 2.5, reason: 'x' }],
    ['huge points', { points: 1e12, reason: 'x' }],
    ['points as a string', { points: '100', reason: 'x' }],
    ['no reason', { points: 5 }],
  ])('a grant with %s is refused and grants nothing', async (_, fields) => {
    const resident = await (
      await api.call('POST', '/v1/residents', { token, body: { name: '受赠人' } })
    ).json();
    const before = await api.database.db.select({ n: count() }).from(transfers);
    const res = await api.call('POST', '/v1/grants', {
      token,
      headers: { 'idempotency-key': `bad-grant-${Math.random().toString(36).slice(2)}` },
      body: { residentId: resident.id, ...fields },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).type).toBe('invalid_request');
    expect(await api.database.db.select({ n: count() }).from(transfers)).toEqual(before);
  });

  it('a validation problem lists each bad field', async () => {
    const res = await api.call('POST', '/v1/residents', { token, body: { name: 42, phone: 'x' } });
    const problem = await res.json();
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'phone']);
  });

  it('an oversized body is a 413 and nothing is written', async () => {
    const before = await snapshot();
    const res = await api.call('POST', '/v1/residents', {
      token,
      body: { name: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect((await res.json()).type).toBe('payload_too_large');
    expect(await snapshot()).toEqual(before);
  });

  it('a name that looks like SQL is stored as the text it is', async () => {
    const name = "Robert'); DROP TABLE residents;--";
    const res = await api.call('POST', '/v1/residents', { token, body: { name } });
    expect(res.status).toBe(201);
    const list = await (
      await api.call('GET', `/v1/residents?q=${encodeURIComponent("'); DROP")}`, { token })
    ).json();
    expect(list.residents.map((r: { name: string }) => r.name)).toEqual([name]);
  });

  it('a query parameter out of range is refused', async () => {
    const res = await api.call('GET', '/v1/residents?limit=100000', { token });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].field).toBe('limit');
  });
});
