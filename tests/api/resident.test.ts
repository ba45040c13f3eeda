import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryResponse, MeResponse, VoucherResponse } from '../../shared/api/resident.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { keyIndexFromJwks } from '../../shared/jwks.ts';
import { verifyVoucher } from '../../shared/voucher.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';

describe('grants, balance, vouchers and history', () => {
  let api: TestApi;
  let coordinator: string;
  let residentId: string;
  let residentToken: string;

  beforeAll(async () => {
    api = await createTestApi();
    coordinator = await api.login();
    const created = await (
      await api.call('POST', '/v1/residents', { token: coordinator, body: { name: '张秀英' } })
    ).json();
    residentId = created.id;
    residentToken = (
      await (await api.call('POST', '/v1/enroll/resident', { body: { code: created.enrollmentCode } })).json()
    ).accessToken;
  });
  afterAll(() => api.close());

  const grant = (key: string, points: number, reason = '志愿服务 2 小时') =>
    api.call('POST', '/v1/grants', {
      token: coordinator,
      headers: { 'idempotency-key': key },
      body: { residentId, points, reason },
    });

  it('a grant without an Idempotency-Key is refused and grants nothing', async () => {
    const res = await api.call('POST', '/v1/grants', {
      token: coordinator,
      body: { residentId, points: 10, reason: 'x' },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).type).toBe('idempotency_key_required');
  });

  it('a grant is applied once however often it is retried; another body with the key is a 409', async () => {
    const first = await grant('grant-0001', 300);
    expect(first.status).toBe(201);
    expect((await first.json()).balance).toBe(300);
    const retry = await grant('grant-0001', 300);
    expect(retry.status).toBe(201);
    expect((await retry.json()).balance).toBe(300);
    const other = await grant('grant-0001', 999);
    expect(other.status).toBe(409);
    expect((await other.json()).type).toBe('idempotency_key_reused');
    const me = MeResponse.parse(await (await api.call('GET', '/v1/me', { token: residentToken })).json());
    expect(me).toMatchObject({ balance: 300, held: 0, available: 300 });
  });

  it('a voucher holds its cap, verifies with the published JWKS, and the default cap is min(available, alliance default)', async () => {
    const res = await api.call('POST', '/v1/vouchers', { token: residentToken, body: {} });
    expect(res.status).toBe(201);
    const voucher = VoucherResponse.parse(await res.json());
    expect(voucher.text).toMatch(/^95\d{234}$/);
    expect(voucher.capPoints).toBe(300); // default cap 500 > available 300
    expect(voucher.shortId).toBe(voucher.voucherId.slice(-8));
    const jwks = await (await api.call('GET', '/.well-known/jwks.json')).json();
    const verified = verifyVoucher(voucher.text, {
      keys: keyIndexFromJwks(jwks),
      primitive: ed25519Noble,
      now: Math.floor(api.clock.now().getTime() / 1000),
    });
    expect(verified.ok && verified.voucher.capPoints).toBe(300);
    const me = MeResponse.parse(await (await api.call('GET', '/v1/me', { token: residentToken })).json());
    expect(me).toMatchObject({ balance: 300, held: 300, available: 0 });

    const none = await api.call('POST', '/v1/vouchers', { token: residentToken, body: { capPoints: 301 } });
    expect(none.status).toBe(409);
    const refusal = await none.json();
    expect(refusal).toMatchObject({ type: 'insufficient_points', available: 300 });
    // A refused code changes nothing: the open one still holds its points.
    expect(
      MeResponse.parse(await (await api.call('GET', '/v1/me', { token: residentToken })).json()),
    ).toMatchObject({
      held: 300,
    });

    // A new code replaces the open one (one open code per person), whatever the app remembers.
    const fresh = await api.call('POST', '/v1/vouchers', { token: residentToken, body: { capPoints: 100 } });
    expect(fresh.status).toBe(201);
    const after = MeResponse.parse(await (await api.call('GET', '/v1/me', { token: residentToken })).json());
    expect(after).toMatchObject({ balance: 300, held: 100, available: 200 });
    const old = await api.call('GET', `/v1/vouchers/${voucher.voucherId}`, { token: residentToken });
    expect(await old.json()).toMatchObject({ state: 'released', capturedPoints: null, available: 200 });
  });

  it('putting a code away releases its points at once; another resident cannot', async () => {
    const v = VoucherResponse.parse(
      await (
        await api.call('POST', '/v1/vouchers', { token: residentToken, body: { capPoints: 10 } })
      ).json(),
    );
    expect((await api.call('DELETE', `/v1/vouchers/${v.voucherId}`, { token: coordinator })).status).toBe(
      403,
    );
    expect((await api.call('DELETE', `/v1/vouchers/${v.voucherId}`, { token: residentToken })).status).toBe(
      204,
    );
    expect(
      MeResponse.parse(await (await api.call('GET', '/v1/me', { token: residentToken })).json()),
    ).toMatchObject({ balance: 300, held: 0, available: 300 });
    expect(
      (await api.call('DELETE', '/v1/vouchers/000000000000000000000000', { token: residentToken })).status,
    ).toBe(404);
  });

  it('a voucher for an unknown merchant number is a 404', async () => {
    const res = await api.call('POST', '/v1/vouchers', {
      token: residentToken,
      body: { capPoints: 1, merchantNumber: 424242 },
    });
    expect(res.status).toBe(404);
  });

  it('history lists the grant in words and no line for codes that spent nothing', async () => {
    const res = await api.call('GET', '/v1/me/history', { token: residentToken });
    const { entries } = HistoryResponse.parse(await res.json());
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'earned', points: 300, reason: '志愿服务 2 小时' });
  });

  it('staff may grant; residents may not', async () => {
    const res = await api.call('POST', '/v1/grants', {
      token: residentToken,
      headers: { 'idempotency-key': 'self-grant-1' },
      body: { residentId, points: 1000, reason: 'free points' },
    });
    expect(res.status).toBe(403);
  });
});
