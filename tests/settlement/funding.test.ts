/**
 * Who pays for the discount: per merchant, from a month on, the merchant itself (nothing due),
 * the alliance at fen per point, or the alliance for a share of the discount. The statement says
 * the discount given, who bore it, and the amount due; closed months cannot change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../api/ledger/check.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { createMerchant, createResident, enrollDevice, type TestDevice } from '../helpers/world.ts';

interface StatementJson {
  merchantId: string;
  netPoints: number;
  discountFen: number;
  rateFenPerPoint: number;
  fundingRule: string;
  fundingSharePercent: number | null;
  reimbursementFen: number;
}

describe('who funds the discount', () => {
  let api: TestApi;
  let coordinator: string;
  const shops: Record<string, { id: string; number: number; device: TestDevice }> = {};

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-10T02:00:00Z' });
    coordinator = await api.login();
    for (const name of ['叶子发艺', '老街饭店', '积分超市', '街口药店']) {
      const merchant = await createMerchant(api, coordinator, name);
      shops[name] = { ...merchant, device: await enrollDevice(api, coordinator, merchant.id) };
    }
  });
  afterAll(() => api.close());

  const setRule = (merchantId: string, body: unknown, token = coordinator) =>
    api.call('POST', `/v1/merchants/${merchantId}/funding`, { token, body });

  async function sell(shop: string, points: number, discountFen: number) {
    const resident = await createResident(api, coordinator, `顾客${points}${discountFen}`, points);
    const voucher = await resident.voucher({ capPoints: points });
    const { device } = shops[shop]!;
    const res = await api.call('POST', '/v1/redemptions/sync', {
      token: device.token,
      body: { records: [device.sign({ voucher: voucher.text, points, billFen: 10_000, discountFen })] },
    });
    expect((await res.json()).results[0].outcome).toBe('accepted');
  }

  it('takes a rule from a month on, and refuses a rule missing its figure', async () => {
    const barber = shops['叶子发艺']!.id;
    const set = await setRule(barber, { fromMonth: '2026-11', rule: 'per_point', fenPerPoint: 10 });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ fromMonth: '2026-11', rule: 'per_point', fenPerPoint: 10 });

    const missing = await setRule(barber, { fromMonth: '2026-12', rule: 'per_point' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).type).toBe('invalid_funding');
    const badShare = await setRule(barber, { fromMonth: '2026-12', rule: 'share', sharePercent: 150 });
    expect(badShare.status).toBe(400);

    expect((await setRule(shops['老街饭店']!.id, { fromMonth: '2026-11', rule: 'merchant' })).status).toBe(
      200,
    );
    expect(
      (await setRule(shops['积分超市']!.id, { fromMonth: '2026-11', rule: 'share', sharePercent: 50 }))
        .status,
    ).toBe(200);
    // A rule from December does not reach back into November.
    expect((await setRule(shops['叶子发艺']!.id, { fromMonth: '2026-12', rule: 'merchant' })).status).toBe(
      200,
    );
    const rules = await (
      await api.call('GET', `/v1/merchants/${barber}/funding`, { token: coordinator })
    ).json();
    expect(rules.rules.map((r: { fromMonth: string; rule: string }) => [r.fromMonth, r.rule])).toEqual([
      ['2026-11', 'per_point'],
      ['2026-12', 'merchant'],
    ]);
    const unknown = await api.call('GET', '/v1/merchants/00000000-0000-4000-8000-000000000000/funding', {
      token: coordinator,
    });
    expect(unknown.status).toBe(404);
  });

  it('the statement says the discount, who bore it and the amount due', async () => {
    await sell('叶子发艺', 150, 1500);
    await sell('老街饭店', 150, 1500);
    await sell('积分超市', 101, 1011); // half of ¥10.11 is 505.5 fen: rounded half up to 506
    await sell('街口药店', 20, 200); // no rule: the alliance's rate (0 in a new alliance)
    api.clock.set('2026-12-02T02:00:00Z');
    coordinator = await api.login(); // a new day, a new sign-in
    const closed = await api.call('POST', '/v1/settlement/periods/2026-11/close', { token: coordinator });
    expect(closed.status).toBe(200);
    const statements: StatementJson[] = (await closed.json()).statements;
    const of = (shop: string) => statements.find((s) => s.merchantId === shops[shop]!.id)!;

    expect(of('叶子发艺')).toMatchObject({
      netPoints: 150,
      discountFen: 1500,
      fundingRule: 'per_point',
      rateFenPerPoint: 10,
      reimbursementFen: 1500,
    });
    expect(of('老街饭店')).toMatchObject({
      netPoints: 150,
      discountFen: 1500,
      fundingRule: 'merchant',
      reimbursementFen: 0,
    });
    expect(of('积分超市')).toMatchObject({
      fundingRule: 'share',
      fundingSharePercent: 50,
      reimbursementFen: 506,
    });
    expect(of('街口药店')).toMatchObject({
      fundingRule: 'per_point',
      rateFenPerPoint: 0,
      reimbursementFen: 0,
    });
    expect(await checkLedger(api.database.db)).toEqual([]);
  });

  it('a closed month cannot change its funding; staff cannot set it', async () => {
    const closedMonth = await setRule(shops['老街饭店']!.id, {
      fromMonth: '2026-11',
      rule: 'per_point',
      fenPerPoint: 5,
    });
    expect(closedMonth.status).toBe(409);
    expect((await closedMonth.json()).type).toBe('funding_month_closed');
    const resident = await createResident(api, coordinator, '居民甲', 0);
    expect(
      (await setRule(shops['老街饭店']!.id, { fromMonth: '2027-01', rule: 'merchant' }, resident.token))
        .status,
    ).toBe(403);
  });
});
