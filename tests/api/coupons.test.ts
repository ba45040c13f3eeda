/**
 * Coupons bought with points (issue #18, "100 积分兑换 8 折餐券"): bought in the resident app, the
 * price held at once; shown with a freshly signed code scoped to the restaurant, which the shop's
 * ordinary scan captures once (a second use refused); a new points code does not release it; one
 * never used gives its points back at expiry through the sweeper; the ledger check passes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../api/ledger/check.ts';
import { releaseExpiredHolds } from '../../api/ledger/expiry.ts';
import { CouponCode, CouponList, CouponView } from '../../shared/api/coupons.ts';
import { RecordResult } from '../../shared/api/merchant.ts';
import { decodeVoucher } from '../../shared/voucher.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { createMerchant, enrollDevice, merchantConfig, type TestDevice } from '../helpers/world.ts';

describe('coupons bought with points', () => {
  let api: TestApi;
  let coordinator: string;
  let restaurant: { id: string; number: number };
  let barber: { id: string; number: number };
  let device: TestDevice;
  let barberDevice: TestDevice;
  let resident: { id: string; token: string; refreshToken: string };
  let couponOfferId: string;
  let haircutOfferId: string;
  let used: CouponView;
  let unused: CouponView;

  const me = async () => (await api.call('GET', '/v1/me', { token: resident.token })).json();
  const list = async () =>
    CouponList.parse(await (await api.call('GET', '/v1/me/coupons', { token: resident.token })).json())
      .coupons;
  const buy = (body: unknown) =>
    api.call('POST', '/v1/me/coupons', {
      token: resident.token,
      body,
      headers: { 'accept-language': 'zh-CN' },
    });
  const code = (id: string) => api.call('POST', `/v1/me/coupons/${id}/code`, { token: resident.token });

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-02T04:00:00Z' }); // Monday 2 November, 12:00 in Shanghai
    coordinator = await api.login();
    restaurant = await createMerchant(api, coordinator, '兴隆饭店');
    barber = await createMerchant(api, coordinator, '叶子发艺');
    const created = await api.call('POST', `/v1/merchants/${restaurant.id}/offers`, {
      token: coordinator,
      body: {
        code: 'meal-coupon',
        kind: 'percent_off',
        titleZh: '100 积分兑换 8 折餐券',
        titleEn: 'Meal coupon: 20% off for 100 points',
        points: 100,
        percent: 20,
        coupon: { validDays: 30 },
        limits: [{ per: 'month', count: 2 }],
      },
    });
    expect(created.status).toBe(201);
    couponOfferId = (await created.json()).id;
    const merchants = await (await api.call('GET', '/v1/merchants', { token: coordinator })).json();
    haircutOfferId = merchants.merchants.find((m: { id: string }) => m.id === barber.id).offers[0].id;
    device = await enrollDevice(api, coordinator, restaurant.id);
    barberDevice = await enrollDevice(api, coordinator, barber.id);
    const r = await (
      await api.call('POST', '/v1/residents', { token: coordinator, body: { name: '张玉珍' } })
    ).json();
    await api.call('POST', '/v1/grants', {
      token: coordinator,
      headers: { 'idempotency-key': 'grant-zhang' },
      body: { residentId: r.id, points: 300, reason: '志愿服务' },
    });
    const tokens = await (
      await api.call('POST', '/v1/enroll/resident', { body: { code: r.enrollmentCode } })
    ).json();
    resident = { id: r.id, token: tokens.accessToken, refreshToken: tokens.refreshToken };
  });
  afterAll(() => api.close());

  it('refuses bad purchases in words and takes nothing', async () => {
    const cases: [unknown, number, string][] = [
      [{ offerId: 'meal' }, 400, 'invalid_request'],
      [{ offerId: couponOfferId, extra: 1 }, 400, 'invalid_request'],
      [{ offerId: randomUUID() }, 404, 'offer_not_found'],
      [{ offerId: haircutOfferId }, 409, 'offer_not_coupon'],
    ];
    for (const [body, status, type] of cases) {
      const res = await buy(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      const problem = await res.json();
      expect(problem.type).toBe(type);
      expect(problem.title).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await list()).toEqual([]);
    expect(await me()).toMatchObject({ balance: 300, held: 0, available: 300 });
  });

  it('the coupon offer shows its rules to the shop and the residents', async () => {
    const offer = (await merchantConfig(api, device)).offers.find((o) => o.code === 'meal-coupon')!;
    expect(offer.coupon).toEqual({ validDays: 30 });
    expect(offer.limits).toEqual([{ per: 'month', count: 2 }]);
  });

  it('buying takes the points at once; the same purchase sent again takes nothing more', async () => {
    const id = randomUUID();
    const res = await buy({ offerId: couponOfferId, id });
    expect(res.status).toBe(201);
    used = CouponView.parse(await res.json());
    expect(used).toMatchObject({
      id,
      state: 'open',
      pricePoints: 100,
      merchantName: '兴隆饭店',
      titleZh: '100 积分兑换 8 折餐券',
      boughtAt: '2026-11-02T04:00:00.000Z',
      expiresAt: '2026-12-02T04:00:00.000Z',
    });
    const again = await buy({ offerId: couponOfferId, id });
    expect(again.status).toBe(201);
    expect(CouponView.parse(await again.json()).id).toBe(id);
    expect(await me()).toMatchObject({ balance: 300, held: 100, available: 200 });
    expect((await list()).map((c) => c.id)).toEqual([id]);
  });

  it('a new points code does not put the coupon away', async () => {
    const res = await api.call('POST', '/v1/vouchers', { token: resident.token, body: { capPoints: 50 } });
    expect(res.status).toBe(201);
    const again = await api.call('POST', '/v1/vouchers', { token: resident.token, body: { capPoints: 60 } });
    expect(again.status).toBe(201);
    expect(await me()).toMatchObject({ held: 160, available: 140 });
    expect((await list())[0]!.state).toBe('open');
    const putAway = await api.call('DELETE', `/v1/vouchers/${(await again.json()).voucherId}`, {
      token: resident.token,
    });
    expect(putAway.status).toBeLessThan(300);
    expect(await me()).toMatchObject({ held: 100, available: 200 });
  });

  it("the coupon's code is a voucher scoped to the restaurant, used once there", async () => {
    const res = await code(used.id);
    expect(res.status).toBe(200);
    const shown = CouponCode.parse(await res.json());
    expect(decodeVoucher(shown.text).voucher).toMatchObject({
      capPoints: 100,
      merchantScope: restaurant.number,
      ttlSeconds: 180 + 7200,
      voucherId: shown.voucherId,
    });

    // Another shop cannot take it.
    const wrong = barberDevice.sign({
      voucher: shown.text,
      points: 100,
      offerId: 'haircut-5',
      billFen: 3000,
    });
    const wrongRes = await api.call('POST', '/v1/redemptions', { token: barberDevice.token, body: wrong });
    expect(RecordResult.parse(await wrongRes.json()).outcome).toBe('wrong_merchant');

    const record = device.sign({
      voucher: shown.text,
      points: 100,
      offerId: 'meal-coupon',
      billFen: 8000,
      discountFen: 1600,
    });
    const captured = await api.call('POST', '/v1/redemptions', { token: device.token, body: record });
    expect(captured.status).toBe(200);
    expect(RecordResult.parse(await captured.json())).toMatchObject({ outcome: 'accepted', points: 100 });
    const [after] = await list();
    expect(after).toMatchObject({ id: used.id, state: 'used', usedAt: '2026-11-02T04:00:00.000Z' });
    expect(await me()).toMatchObject({ balance: 200, held: 0, available: 200 });

    // A second use: the same code shown again is refused, and no new code is given.
    const twice = device.sign({ voucher: shown.text, points: 100, offerId: 'meal-coupon', billFen: 8000 });
    const twiceRes = await api.call('POST', '/v1/redemptions', { token: device.token, body: twice });
    expect(RecordResult.parse(await twiceRes.json()).outcome).toBe('voucher_already_redeemed');
    const noCode = await code(used.id);
    expect(noCode.status).toBe(409);
    expect((await noCode.json()).type).toBe('coupon_not_usable');
    expect(await me()).toMatchObject({ balance: 200 });
  });

  it('the limit per person counts purchases; not enough points takes nothing', async () => {
    const res = await buy({ offerId: couponOfferId });
    expect(res.status).toBe(201);
    unused = CouponView.parse(await res.json());
    const third = await buy({ offerId: couponOfferId });
    expect(third.status).toBe(409);
    expect((await third.json()).type).toBe('offer_limit_reached');
    expect(await me()).toMatchObject({ balance: 200, held: 100, available: 100 });
    const other = await api.call('GET', '/v1/me/coupons/not-a-uuid/code', { token: resident.token });
    expect(other.status).toBe(404);
    const foreign = await code(randomUUID());
    expect(foreign.status).toBe(404);
    expect((await foreign.json()).type).toBe('coupon_not_found');
  });

  it('a coupon never used gives its points back at expiry, and the ledger check passes', async () => {
    // Not yet: the sweeper leaves it while the coupon and its capture window last.
    api.clock.set('2026-12-02T04:00:00Z');
    expect(
      (await releaseExpiredHolds(api.database.db, { allianceId: api.allianceId }, api.clock)).expired,
    ).toBe(0);
    api.clock.set('2026-12-02T06:01:00Z'); // 30 days + the 2 h capture window
    const swept = await releaseExpiredHolds(api.database.db, { allianceId: api.allianceId }, api.clock);
    expect(swept).toEqual({ expired: 1, points: 100 });
    const refreshed = await (
      await api.call('POST', '/v1/auth/refresh', { body: { refreshToken: resident.refreshToken } })
    ).json();
    resident.token = refreshed.accessToken;
    const coupons = await list();
    expect(coupons.find((c) => c.id === unused.id)).toMatchObject({ state: 'returned', usedAt: null });
    expect(coupons.find((c) => c.id === used.id)!.state).toBe('used');
    expect(await me()).toMatchObject({ balance: 200, held: 0, available: 200 });
    const late = await code(unused.id);
    expect(late.status).toBe(409);
    expect(await checkLedger(api.database.db, { allianceId: api.allianceId })).toEqual([]);
  });
});
