/**
 * Offers with rules (issue #18): "每人每月限一次" refuses a second haircut discount in a month
 * online with words and nothing taken, accepts it offline and reports the breach at sync; a
 * household member is counted apart; next month it works again. A season and a minimum bill
 * refuse online. An offer funded by the alliance overrides the merchant's rule on the statement.
 * Bad rules are a 400 in words and change nothing.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redemptions } from '../../api/db/schema/index.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { RecordResult, SyncResponse } from '../../shared/api/merchant.ts';
import { offerRuleWords } from '../../shared/api/offer-rules.ts';
import { VoucherResponse } from '../../shared/api/resident.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { createMerchant, enrollDevice, merchantConfig, type TestDevice } from '../helpers/world.ts';

interface Person {
  id: string;
  token: string;
  refreshToken: string;
}

async function enrollPerson(api: TestApi, coordinator: string, name: string, householdId?: string) {
  const created = await (
    await api.call('POST', '/v1/residents', {
      token: coordinator,
      body: { name, ...(householdId ? { householdId } : {}) },
    })
  ).json();
  const tokens = await (
    await api.call('POST', '/v1/enroll/resident', { body: { code: created.enrollmentCode } })
  ).json();
  return { id: created.id, token: tokens.accessToken, refreshToken: tokens.refreshToken } as Person;
}

/** Access tokens live 15 minutes: after a jump in time, refresh them as the apps do. */
async function refresh(api: TestApi, who: { token: string; refreshToken: string }) {
  const res = await api.call('POST', '/v1/auth/refresh', { body: { refreshToken: who.refreshToken } });
  expect(res.status).toBe(200);
  const tokens = await res.json();
  who.token = tokens.accessToken;
  who.refreshToken = tokens.refreshToken;
}

async function voucherOf(api: TestApi, person: Person, capPoints: number) {
  const res = await api.call('POST', '/v1/vouchers', { token: person.token, body: { capPoints } });
  expect(res.status).toBe(201);
  return VoucherResponse.parse(await res.json());
}

/** The device's one record online; a refused one gives its seq back (it was never stored). */
async function online(api: TestApi, device: TestDevice, fields: Parameters<TestDevice['sign']>[0]) {
  const record = device.sign(fields);
  const res = await api.call('POST', '/v1/redemptions', {
    token: device.token,
    body: record,
    headers: { 'accept-language': 'zh-CN' },
  });
  if (res.status !== 200) device.nextSeq--;
  return { res, record };
}

describe('每人每月限一次: a limit per person, counted per member, reset each month', () => {
  let api: TestApi;
  let coordinator: string;
  let shop: { id: string; number: number };
  let device: TestDevice;
  let guilan: Person;
  let jianguo: Person;
  let haircutId: string;

  beforeAll(async () => {
    // Monday 30 November 2026, 23:40 in Shanghai: twenty minutes before December.
    api = await createTestApi({ start: '2026-11-30T15:40:00Z' });
    coordinator = await api.login();
    shop = await createMerchant(api, coordinator, '叶子发艺');
    device = await enrollDevice(api, coordinator, shop.id);
    const household = await (
      await api.call('POST', '/v1/households', { token: coordinator, body: { name: '王家' } })
    ).json();
    guilan = await enrollPerson(api, coordinator, '王桂兰', household.id);
    jianguo = await enrollPerson(api, coordinator, '王建国', household.id);
    await api.call('POST', '/v1/grants', {
      token: coordinator,
      headers: { 'idempotency-key': 'grant-wang' },
      body: { residentId: guilan.id, points: 1000, reason: '志愿服务' },
    });
    const list = await (await api.call('GET', '/v1/merchants', { token: coordinator })).json();
    haircutId = list.merchants
      .find((m: { id: string }) => m.id === shop.id)
      .offers.find((o: { code: string }) => o.code === 'haircut-5').id;
  });
  afterAll(() => api.close());

  it('bad rules are refused in words and change nothing', async () => {
    const bad = [
      { limits: [{ per: 'year', count: 1 }] },
      { limits: [{ per: 'month', count: 0 }] },
      { season: { hours: { from: '14:00', to: '11:00' } } },
      { season: { from: '2026-12-31', to: '2026-12-01' } },
      { season: { weekdays: [0] } },
      { minBillFen: -5 },
      { funding: { rule: 'share', sharePercent: 0 } },
      { funding: { rule: 'per_point' } },
      { coupon: { validDays: 0 } },
      { kind: 'item' },
    ];
    for (const body of bad) {
      const res = await api.call('PATCH', `/v1/merchants/${shop.id}/offers/${haircutId}`, {
        token: coordinator,
        body,
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).type).toBe('invalid_request');
    }
    const missing = await api.call(
      'PATCH',
      `/v1/merchants/${shop.id}/offers/00000000-0000-4000-8000-000000000000`,
      { token: coordinator, body: { minBillFen: 100 } },
    );
    expect(missing.status).toBe(404);
    expect((await missing.json()).type).toBe('offer_not_found');
    const config = await merchantConfig(api, device);
    expect(config.offers[0]).toMatchObject({ code: 'haircut-5', limits: [], season: null, minBillFen: null });
  });

  it('sets the limit and the funding; the device config and the merchants list carry them in words', async () => {
    const res = await api.call('PATCH', `/v1/merchants/${shop.id}/offers/${haircutId}`, {
      token: coordinator,
      body: { limits: [{ per: 'month', count: 1 }], funding: { rule: 'share', sharePercent: 50 } },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      code: 'haircut-5',
      limits: [{ per: 'month', count: 1 }],
      funding: { rule: 'share', sharePercent: 50 },
      coupon: null,
      active: true,
    });
    const offer = (await merchantConfig(api, device)).offers[0]!;
    expect(offer.limits).toEqual([{ per: 'month', count: 1 }]);
    expect(offerRuleWords(offer, 'zh')).toEqual(['每人每月限一次']);
    expect(offerRuleWords(offer, 'en')).toEqual(['Once a month per person']);
  });

  it('a second haircut discount in a month is refused online with words, and nothing is taken', async () => {
    const first = await online(api, device, {
      voucher: (await voucherOf(api, guilan, 50)).text,
      points: 50,
      offerId: 'haircut-5',
      billFen: 3000,
      discountFen: 500,
    });
    expect(first.res.status).toBe(200);
    expect(RecordResult.parse(await first.res.json()).outcome).toBe('accepted');

    const voucher = await voucherOf(api, guilan, 50);
    const second = await online(api, device, {
      voucher: voucher.text,
      points: 50,
      offerId: 'haircut-5',
      billFen: 3000,
      discountFen: 500,
    });
    expect(second.res.status).toBe(409);
    const problem = await second.res.json();
    expect(problem.type).toBe('offer_limit_reached');
    expect(problem.title).toContain('每人每月限一次');
    expect(problem.detail).toContain('1 per person per month');
    const stored = await api.database.db
      .select()
      .from(redemptions)
      .where(eq(redemptions.id, second.record.id));
    expect(stored).toEqual([]);
    const me = await (await api.call('GET', '/v1/me', { token: guilan.token })).json();
    // 1000 − 50 captured; the second code still holds its 50, nothing was taken.
    expect(me).toMatchObject({ balance: 950, held: 50, available: 900 });
  });

  it('another member of the same household is not limited by the first', async () => {
    const { res } = await online(api, device, {
      voucher: (await voucherOf(api, jianguo, 50)).text,
      points: 50,
      offerId: 'haircut-5',
      billFen: 2000,
      discountFen: 500,
    });
    expect(res.status).toBe(200);
    expect(RecordResult.parse(await res.json())).toMatchObject({ outcome: 'accepted', limitBreaches: [] });
    // A capture without an offer is funded by the merchant's own rule.
    const plain = await online(api, device, {
      voucher: (await voucherOf(api, jianguo, 30)).text,
      points: 30,
      billFen: 6000,
      discountFen: 1000,
    });
    expect(RecordResult.parse(await plain.res.json()).outcome).toBe('accepted');
  });

  it('offline the second discount is accepted and the breach reported at sync and stored', async () => {
    const record = device.sign({
      voucher: (await voucherOf(api, guilan, 50)).text,
      points: 50,
      offerId: 'haircut-5',
      billFen: 3000,
      discountFen: 500,
    });
    const res = await api.call('POST', '/v1/redemptions/sync', {
      token: device.token,
      body: { records: [record] },
    });
    expect(res.status).toBe(200);
    const sync = SyncResponse.parse(await res.json());
    expect(sync.missingSeqs).toEqual([]);
    const [answer] = sync.results;
    expect(answer!.outcome).toBe('accepted');
    expect(answer!.points).toBe(50);
    expect(answer!.limitBreaches).toHaveLength(1);
    expect(answer!.limitBreaches[0]).toContain('limited to 1 per person per month');
    const [row] = await api.database.db.select().from(redemptions).where(eq(redemptions.id, record.id));
    expect(row!.limitBreach).toContain('limited to 1 per person per month');
  });

  it('a POS at the till is refused the same way, before anything is taken', async () => {
    const posKey = (
      await (await api.call('POST', `/v1/merchants/${shop.id}/pos-keys`, { token: coordinator })).json()
    ).key;
    const voucher = await voucherOf(api, guilan, 50);
    const res = await api.call('POST', '/v1/pos/captures', {
      token: posKey,
      headers: { 'idempotency-key': 'till-1-0001', 'accept-language': 'zh-CN' },
      body: { voucher: voucher.text, points: 50, offerId: 'haircut-5', billFen: 3000, discountFen: 500 },
    });
    expect(res.status).toBe(409);
    expect((await res.json()).type).toBe('offer_limit_reached');
    // The household's account: 1000 − 50 − 50 − 30 − 50 captured so far; the till's code still holds its 50.
    const me = await (await api.call('GET', '/v1/me', { token: guilan.token })).json();
    expect(me).toMatchObject({ balance: 820, held: 50 });
  });

  it('next month it works again', async () => {
    api.clock.set('2026-11-30T16:05:00Z'); // 1 December, 00:05 in Shanghai
    for (const who of [guilan, jianguo, device]) await refresh(api, who);
    const { res } = await online(api, device, {
      voucher: (await voucherOf(api, guilan, 50)).text,
      points: 50,
      offerId: 'haircut-5',
      billFen: 3000,
      discountFen: 500,
    });
    expect(res.status).toBe(200);
    expect(RecordResult.parse(await res.json())).toMatchObject({ outcome: 'accepted', limitBreaches: [] });
  });

  it("the offer's funding overrides the merchant's rule on the statement, and the ledger check passes", async () => {
    coordinator = await api.login();
    // The shop bears its own discounts (the 德商联盟 way); the haircut offer is half paid by the alliance.
    const rule = await api.call('POST', `/v1/merchants/${shop.id}/funding`, {
      token: coordinator,
      body: { fromMonth: '2026-11', rule: 'merchant' },
    });
    expect(rule.status).toBeLessThan(300);
    const res = await api.call('POST', '/v1/settlement/periods/2026-11/close', { token: coordinator });
    expect(res.status).toBe(200);
    const closed = await res.json();
    const [statement] = closed.statements;
    // November: three haircut captures (500 fen off each) and one capture without an offer (1000 off).
    expect(statement).toMatchObject({
      redemptions: 4,
      netPoints: 50 + 50 + 30 + 50,
      discountFen: 500 + 500 + 1000 + 500,
      fundingRule: 'merchant',
      limitBreaches: 1,
      reimbursementFen: 750,
    });
    expect(statement.offerFunding).toEqual([
      expect.objectContaining({
        code: 'haircut-5',
        rule: 'share',
        points: 150,
        discountFen: 1500,
        dueFen: 750,
      }),
    ]);
    expect(await checkLedger(api.database.db, { allianceId: api.allianceId })).toEqual([]);
  });
});

describe('a season (周一至周四, lunch hours) and a minimum bill', () => {
  let api: TestApi;
  let coordinator: string;
  let shop: { id: string; number: number };
  let device: TestDevice;
  let diner: Person;

  beforeAll(async () => {
    // Tuesday 1 December 2026, 12:00 in Shanghai.
    api = await createTestApi({ start: '2026-12-01T04:00:00Z' });
    coordinator = await api.login();
    shop = await createMerchant(api, coordinator, '兴隆饭店');
    for (const offer of [
      {
        code: 'lunch-8',
        kind: 'percent_off',
        titleZh: '午餐 8 折',
        titleEn: 'Lunch 20% off',
        points: 40,
        percent: 20,
        season: { weekdays: [1, 2, 3, 4], hours: { from: '11:00', to: '14:00' } },
        minBillFen: 5000,
      },
      {
        code: 'weekend-tea',
        kind: 'amount_off',
        titleZh: '周末茶点立减 3 元',
        titleEn: 'Weekend tea 3 off',
        points: 30,
        amountFen: 300,
        season: { from: '2026-11-01', to: '2027-02-28', weekdays: [6, 7] },
      },
    ]) {
      const res = await api.call('POST', `/v1/merchants/${shop.id}/offers`, {
        token: coordinator,
        body: offer,
      });
      expect(res.status).toBe(201);
    }
    device = await enrollDevice(api, coordinator, shop.id);
    diner = await enrollPerson(api, coordinator, '李秀英');
    await api.call('POST', '/v1/grants', {
      token: coordinator,
      headers: { 'idempotency-key': 'grant-li' },
      body: { residentId: diner.id, points: 500, reason: '志愿服务' },
    });
  });
  afterAll(() => api.close());

  it('the device config carries the season and the minimum bill, said in words', async () => {
    const offers = (await merchantConfig(api, device)).offers;
    const lunch = offers.find((o) => o.code === 'lunch-8')!;
    expect(offerRuleWords(lunch, 'zh')).toEqual(['周一至周四 11:00–14:00', '满 50 元可用']);
    const tea = offers.find((o) => o.code === 'weekend-tea')!;
    expect(offerRuleWords(tea, 'zh')).toEqual(['2026-11-01 至 2027-02-28', '周六、周日']);
  });

  it('below the minimum bill is refused online with words; at it, accepted', async () => {
    const voucher = await voucherOf(api, diner, 40);
    const low = await online(api, device, {
      voucher: voucher.text,
      points: 40,
      offerId: 'lunch-8',
      billFen: 3000,
      discountFen: 600,
    });
    expect(low.res.status).toBe(409);
    const problem = await low.res.json();
    expect(problem.type).toBe('offer_min_bill');
    expect(problem.title).toContain('最低消费');
    const ok = await online(api, device, {
      voucher: voucher.text,
      points: 40,
      offerId: 'lunch-8',
      billFen: 6000,
      discountFen: 1200,
    });
    expect(ok.res.status).toBe(200);
    expect(RecordResult.parse(await ok.res.json()).outcome).toBe('accepted');
  });

  it('outside the season is refused online with words, and accepted offline with the breach', async () => {
    const voucher = await voucherOf(api, diner, 30);
    const tea = await online(api, device, {
      voucher: voucher.text,
      points: 30,
      offerId: 'weekend-tea',
      billFen: 2000,
      discountFen: 300,
    });
    expect(tea.res.status).toBe(409);
    const problem = await tea.res.json();
    expect(problem.type).toBe('offer_out_of_season');
    expect(problem.title).toContain('活动时间');
    // Lunch hours end: the same offer is out of season from 14:00.
    const changed = await api.call('GET', '/v1/merchants', { token: coordinator });
    const lunchId = (await changed.json()).merchants
      .find((m: { id: string }) => m.id === shop.id)
      .offers.find((o: { code: string }) => o.code === 'lunch-8').id;
    const patched = await api.call('PATCH', `/v1/merchants/${shop.id}/offers/${lunchId}`, {
      token: coordinator,
      body: { season: { hours: { from: '17:00', to: '20:00' } } },
    });
    expect(patched.status).toBe(200);
    const late = await online(api, device, {
      voucher: voucher.text,
      points: 30,
      offerId: 'lunch-8',
      billFen: 6000,
      discountFen: 1200,
    });
    expect(late.res.status).toBe(409);
    expect((await late.res.json()).type).toBe('offer_out_of_season');

    const offline = device.sign({
      voucher: voucher.text,
      points: 30,
      offerId: 'weekend-tea',
      billFen: 2000,
      discountFen: 300,
    });
    const res = await api.call('POST', '/v1/redemptions/sync', {
      token: device.token,
      body: { records: [offline] },
    });
    const [answer] = SyncResponse.parse(await res.json()).results;
    expect(answer!.outcome).toBe('accepted');
    expect(answer!.limitBreaches.join()).toContain('weekdays 6,7');
    expect(await checkLedger(api.database.db, { allianceId: api.allianceId })).toEqual([]);
  });
});
