import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordResult, RedemptionList, SyncResponse } from '../../shared/api/merchant.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import {
  createMerchant,
  createResident,
  enrollDevice,
  merchantConfig,
  type TestDevice,
} from '../helpers/world.ts';

describe('a merchant device captures online and syncs its outbox', () => {
  let api: TestApi;
  let coordinator: string;
  let resident: Awaited<ReturnType<typeof createResident>>;
  let merchant: { id: string; number: number };
  let device: TestDevice;

  beforeAll(async () => {
    api = await createTestApi();
    coordinator = await api.login();
    resident = await createResident(api, coordinator, '张秀英', 1000);
    merchant = await createMerchant(api, coordinator, '叶子发艺');
    device = await enrollDevice(api, coordinator, merchant.id);
  });
  afterAll(() => api.close());

  const capture = async (record: unknown) => {
    const res = await api.call('POST', '/v1/redemptions', { token: device.token, body: record });
    expect(res.status).toBe(200);
    return RecordResult.parse(await res.json());
  };

  it('the config carries offers, limits, the JWKS and the last seq', async () => {
    const config = await merchantConfig(api, device);
    expect(config.merchant.number).toBe(merchant.number);
    expect(config.offers.map((o) => o.code)).toEqual(['haircut-5']);
    expect(config.jwks.keys.length).toBeGreaterThan(0);
    expect(config.lastSeq).toBe(0);
  });

  it('an online capture takes the points and releases the rest of the hold; a replay gets the same answer', async () => {
    const voucher = await resident.voucher({ capPoints: 200 });
    const record = device.sign({
      voucher: voucher.text,
      points: 50,
      offerId: 'haircut-5',
      billFen: 3500,
      discountFen: 500,
    });
    const first = await capture(record);
    expect(first).toMatchObject({ outcome: 'accepted', points: 50, replayed: false });
    expect(await resident.me()).toMatchObject({ balance: 950, held: 0, available: 950 });
    const again = await capture(record);
    expect(again).toMatchObject({ outcome: 'accepted', points: 50, replayed: true });
    expect(await resident.me()).toMatchObject({ balance: 950 });
    const second = await capture(device.sign({ voucher: voucher.text, points: 10 }));
    expect(second.outcome).toBe('voucher_already_redeemed');
  });

  it('a sync batch answers every record once, reports a gap, and a replayed batch changes nothing', async () => {
    const v1 = await resident.voucher({ capPoints: 100 });
    const v2 = await resident.voucher({ capPoints: 100 });
    const good = device.sign({ voucher: v1.text, points: 80 });
    const tooMany = device.sign({ voucher: v2.text, points: 101 });
    device.nextSeq++; // a record lost on the phone: its seq never arrives
    const tampered = { ...device.sign({ voucher: v2.text, points: 5 }), points: 50 };
    const foreign = device.sign({
      voucher: `${v2.text.slice(0, -1)}${(Number(v2.text.at(-1)) + 1) % 10}`,
      points: 5,
    });
    const batch = { records: [good, tooMany, tampered, foreign, good] };
    const res = await api.call('POST', '/v1/redemptions/sync', { token: device.token, body: batch });
    expect(res.status).toBe(200);
    const body = SyncResponse.parse(await res.json());
    expect(body.results.map((r) => r.outcome)).toEqual([
      'accepted',
      'points_exceed_cap',
      'bad_device_signature',
      'bad_voucher',
      'accepted',
    ]);
    expect(body.results[4]!.replayed).toBe(true);
    // The lost record's seq, and the tampered one's: an unverifiable record cannot hold a seq.
    expect(body.missingSeqs).toEqual([tooMany.seq + 1, tampered.seq]);
    const balanceAfter = await resident.me();
    const replay = SyncResponse.parse(
      await (await api.call('POST', '/v1/redemptions/sync', { token: device.token, body: batch })).json(),
    );
    expect(replay.results.map((r) => r.outcome)).toEqual(body.results.map((r) => r.outcome));
    expect(replay.results.every((r) => r.replayed)).toBe(true);
    expect(await resident.me()).toEqual(balanceAfter);
  });

  it("today's list shows the records with totals, and a same-day reversal gives the points back", async () => {
    const list = RedemptionList.parse(
      await (await api.call('GET', '/v1/merchant/redemptions', { token: device.token })).json(),
    );
    const accepted = list.redemptions.filter((r) => r.outcome === 'accepted');
    expect(list.totals.points).toBe(accepted.reduce((s, r) => s + r.points, 0));
    const before = await resident.me();
    const target = accepted[0]!;
    const res = await api.call('POST', `/v1/redemptions/${target.id}/reverse`, { token: device.token });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ reversed: true, points: target.points });
    expect((await resident.me()).balance).toBe(before.balance + target.points);
    const again = await api.call('POST', `/v1/redemptions/${target.id}/reverse`, { token: device.token });
    expect(again.status).toBe(200);
    expect((await resident.me()).balance).toBe(before.balance + target.points);
  });

  it('offline limits apply to synced records (reported, still captured), not to online captures', async () => {
    const rich = await createResident(api, coordinator, '王芳', 1000);
    const online = await capture(
      device.sign({ voucher: (await rich.voucher({ capPoints: 300 })).text, points: 250 }),
    );
    expect(online).toMatchObject({ outcome: 'accepted', limitBreaches: [] });
    const offline = device.sign({ voucher: (await rich.voucher({ capPoints: 300 })).text, points: 250 });
    const res = await api.call('POST', '/v1/redemptions/sync', {
      token: device.token,
      body: { records: [offline] },
    });
    const [result] = SyncResponse.parse(await res.json()).results;
    expect(result!.outcome).toBe('accepted');
    expect(result!.limitBreaches.length).toBe(1);
  });

  it('a voucher for another merchant is wrong_merchant', async () => {
    const other = await createMerchant(api, coordinator, '老街饭店');
    const scoped = await resident.voucher({ capPoints: 20, merchantNumber: other.number });
    const result = await capture(device.sign({ voucher: scoped.text, points: 20 }));
    expect(result.outcome).toBe('wrong_merchant');
  });
});
