/**
 * One bad record never blocks the rest of a sync batch, and record ids belong to the device
 * that made them. Through HTTP, on PGlite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../api/ledger/check.ts';
import { type RecordResult, SyncResponse } from '../../shared/api/merchant.ts';
import type { RedemptionRecord } from '../../shared/redemption-record.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { createMerchant, createResident, enrollDevice, type TestDevice } from '../helpers/world.ts';

describe('sync: every record gets one outcome, whatever is wrong with it', () => {
  let api: TestApi;
  let coordinator: string;
  let residents: Awaited<ReturnType<typeof createResident>>[];
  let shop: TestDevice;
  let otherShop: TestDevice;

  beforeAll(async () => {
    api = await createTestApi();
    coordinator = await api.login();
    const [a, b] = [
      await createMerchant(api, coordinator, '理发店'),
      await createMerchant(api, coordinator, '饭店'),
    ];
    shop = await enrollDevice(api, coordinator, a.id);
    otherShop = await enrollDevice(api, coordinator, b.id);
    residents = [];
    for (const name of ['王秀兰', '李建国', '张伟'])
      residents.push(await createResident(api, coordinator, name, 100_000));
  });
  afterAll(() => api.close());

  async function sync(device: TestDevice, records: unknown[]) {
    const res = await api.call('POST', '/v1/redemptions/sync', { token: device.token, body: { records } });
    expect(res.status).toBe(200);
    return SyncResponse.parse(await res.json());
  }

  let turn = 0;
  async function goodRecord(device: TestDevice, points = 5, id?: string): Promise<RedemptionRecord> {
    const voucher = await residents[turn++ % residents.length]!.voucher({ capPoints: points });
    return device.sign({
      voucher: voucher.text,
      points,
      billFen: 3000,
      discountFen: 500,
      ...(id ? { id } : {}),
    });
  }

  const capturedPoints = async () => {
    let total = 0;
    for (const r of residents) total += 100_000 - (await r.me()).balance;
    return total;
  };

  it('a record with a NUL byte or an absurd scan time is refused alone; the records around it are accepted', async () => {
    const first = await goodRecord(shop);
    const nul = { ...(await goodRecord(shop)), offerId: 'haircut\u0000-5' };
    const absurd = { ...(await goodRecord(shop)), scannedAt: 9007199254740991 };
    const last = await goodRecord(shop);
    const answer = await sync(shop, [first, nul, absurd, last]);
    expect(answer.results.map((r) => [r.id, r.outcome])).toEqual([
      [first.id, 'accepted'],
      [nul.id, 'bad_record'],
      [absurd.id, 'bad_record'],
      [last.id, 'accepted'],
    ]);
    expect(answer.results[1]!.detail).toContain('offerId');
    expect(answer.results[2]!.detail).toContain('scannedAt');
    const again = await sync(shop, [first, nul, absurd, last]);
    expect(again.results.map((r) => [r.outcome, r.replayed])).toEqual([
      ['accepted', true],
      ['bad_record', true],
      ['bad_record', true],
      ['accepted', true],
    ]);
    expect(await checkLedger(api.database.db)).toEqual([]);
  });

  it('random batches with junk mixed in: one outcome each, the good ones accepted, a replay answers the same, the books whole', async () => {
    const hostile = fc.oneof(
      fc.constant('\u0000'),
      fc.constant('a\ud800b'),
      fc.constant('x'.repeat(10_000)),
      fc.constant(-1),
      fc.constant(2 ** 32),
      fc.constant(1e308),
      fc.constant(9007199254740991),
      fc.constant('5'),
      fc.constant(null),
      fc.constant(true),
      fc.constant([]),
      fc.constant({}),
      fc.constant('2026-99-99'),
    );
    const field = fc.constantFrom(
      'id',
      'voucher',
      'points',
      'offerId',
      'billFen',
      'discountFen',
      'scannedAt',
      'deviceId',
      'seq',
      'sig',
    );
    const junkOf = fc.oneof(
      fc.record({ kind: fc.constant('field' as const), field, value: hostile }),
      fc.record({ kind: fc.constant('missing' as const), field }),
      fc.record({ kind: fc.constant('duplicate-id' as const) }),
      fc.record({ kind: fc.constant('not-an-object' as const), value: hostile }),
    );
    const plan = fc.array(fc.oneof(fc.constant('good' as const), junkOf), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(plan, async (steps) => {
        const before = await capturedPoints();
        const records: unknown[] = [];
        const good: RedemptionRecord[] = [];
        for (const step of steps) {
          if (step === 'good') {
            const record = await goodRecord(shop, 3);
            good.push(record);
            records.push(record);
            continue;
          }
          const base = { ...(await goodRecord(shop, 3)) } as Record<string, unknown>;
          shop.nextSeq--; // a junk record must not leave a gap the device would have to fill
          // A hostile value equal to what the record holds (offerId null) leaves a good record: take
          // the field away instead, so that every junk step is junk.
          if (step.kind === 'field')
            if (JSON.stringify(base[step.field]) === JSON.stringify(step.value)) delete base[step.field];
            else base[step.field] = step.value;
          if (step.kind === 'missing') delete base[step.field];
          if (step.kind === 'duplicate-id') base.id = good[0]?.id ?? randomUUID();
          if (step.kind === 'duplicate-id') base.points = 2;
          records.push(step.kind === 'not-an-object' ? step.value : base);
        }
        const answer = await sync(shop, records);
        expect(answer.results).toHaveLength(records.length);
        const byId = new Map<string, RecordResult[]>();
        for (const r of answer.results) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
        for (const g of good) expect(byId.get(g.id)?.[0]?.outcome).toBe('accepted');
        const accepted = answer.results.filter((r) => r.outcome === 'accepted' && !r.replayed);
        expect(accepted.map((r) => r.id).sort()).toEqual(good.map((g) => g.id).sort());
        expect((await capturedPoints()) - before).toBe(good.length * 3);
        const again = await sync(shop, records);
        expect(again.results.map((r) => [r.id, r.outcome, r.detail])).toEqual(
          answer.results.map((r) => [r.id, r.outcome, r.detail]),
        );
        expect((await capturedPoints()) - before).toBe(good.length * 3);
      }),
      { numRuns: 12 },
    );
    expect(await checkLedger(api.database.db)).toEqual([]);
  });

  it('a record id another device used gets bad_record, never the other merchant’s answer', async () => {
    const mine = await goodRecord(shop, 10);
    expect((await sync(shop, [mine])).results[0]).toMatchObject({ outcome: 'accepted', points: 10 });
    const theirs = await goodRecord(otherShop, 7, mine.id);
    const answer = (await sync(otherShop, [theirs])).results[0]!;
    expect(answer).toMatchObject({ id: mine.id, outcome: 'bad_record', points: 0, replayed: false });
    expect(answer.detail).not.toContain('10');
    expect((await sync(shop, [mine])).results[0]).toMatchObject({
      outcome: 'accepted',
      points: 10,
      replayed: true,
    });
    // The same through the online capture route.
    const online = await api.call('POST', '/v1/redemptions', { token: otherShop.token, body: theirs });
    expect(await online.json()).toMatchObject({ outcome: 'bad_record', points: 0 });
  });

  it('a junk record sent first under an id does not take it from the genuine record', async () => {
    const id = randomUUID();
    const genuine = await goodRecord(otherShop, 4, id);
    const forged = { ...genuine, points: 400, sig: `A${genuine.sig.slice(1, -1)}B` };
    expect((await sync(otherShop, [forged])).results[0]).toMatchObject({
      id,
      outcome: 'bad_device_signature',
    });
    expect((await sync(otherShop, [genuine])).results[0]).toMatchObject({
      id,
      outcome: 'accepted',
      points: 4,
      replayed: false,
    });
    // From now on the id is the genuine record's: the device's own replays get its first answer.
    expect((await sync(otherShop, [forged])).results[0]).toMatchObject({
      outcome: 'accepted',
      points: 4,
      replayed: true,
    });
    expect(await checkLedger(api.database.db)).toEqual([]);
  });
});
