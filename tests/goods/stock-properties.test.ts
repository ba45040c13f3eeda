/**
 * The stock invariant of the points supermarket (积分超市), by property: random sequences of
 * deliveries, online and offline exchanges, reversals, counts and returns, run through the
 * domain's own functions (goods/stock.ts) in transactions on a real database, one fresh good per
 * run. After every step the stock on hand equals the sum of the good's events and a simple model
 * of the rules; an online action never takes the stock down below zero (an online exchange or a
 * return that would is refused with out_of_stock and changes nothing); only an offline exchange
 * may, and then its event is flagged.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goods, stockEvents } from '../../api/db/schema/index.ts';
import { isAppError } from '../../api/errors.ts';
import { createGood } from '../../api/goods/goods.ts';
import { exchangeBasket, recordStock, returnBasket } from '../../api/goods/stock.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { createMerchant } from '../helpers/world.ts';

type Step =
  | { kind: 'delivery'; quantity: number }
  | { kind: 'exchange'; quantity: number; offline: boolean }
  | { kind: 'reversal'; pick: number }
  | { kind: 'count'; quantity: number }
  | { kind: 'return'; quantity: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('delivery' as const), quantity: fc.integer({ min: 1, max: 20 }) }),
  fc.record({
    kind: fc.constant('exchange' as const),
    quantity: fc.integer({ min: 1, max: 12 }),
    offline: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('reversal' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('count' as const), quantity: fc.integer({ min: 0, max: 25 }) }),
  fc.record({ kind: fc.constant('return' as const), quantity: fc.integer({ min: 1, max: 10 }) }),
);

describe('the stock invariant', () => {
  let api: TestApi;
  let merchantId: string;

  beforeAll(async () => {
    api = await createTestApi();
    merchantId = (await createMerchant(api, await api.login(), '兴隆积分超市')).id;
  });
  afterAll(() => api.close());

  it('after every step the stock is the sum of its events, and online nothing takes it below zero', async () => {
    const db = api.database.db;
    const allianceId = api.allianceId;
    const stockOf = async (goodsId: string) => {
      const [row] = await db.select({ stock: goods.stock }).from(goods).where(eq(goods.id, goodsId));
      const [sum] = await db
        .select({ n: sql<string>`coalesce(sum(${stockEvents.quantity}), 0)`, events: count() })
        .from(stockEvents)
        .where(eq(stockEvents.goodsId, goodsId));
      return { stock: Number(row!.stock), sum: Number(sum!.n), events: Number(sum!.events) };
    };

    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), async (steps) => {
        const good = await createGood(db, { allianceId, merchantId, name: '食用油', points: 30, unit: '桶' });
        let model = 0;
        const exchanged: { recordId: string; quantity: number; reversed: boolean }[] = [];
        for (const s of steps) {
          const before = await stockOf(good.id);
          let refused = false;
          try {
            await db.transaction(async (tx) => {
              if (s.kind === 'delivery' || s.kind === 'count' || s.kind === 'return') {
                await recordStock(
                  tx,
                  {
                    allianceId,
                    goodsId: good.id,
                    kind: s.kind,
                    quantity: s.quantity,
                    recordedBy: 'coordinator:property',
                    ...(s.kind === 'count' ? { reason: '盘点' } : {}),
                  },
                  api.clock,
                );
              } else if (s.kind === 'exchange') {
                const recordId = randomUUID();
                await exchangeBasket(
                  tx,
                  {
                    allianceId,
                    merchantId,
                    recordId,
                    lines: [{ goodsId: good.id, quantity: s.quantity, points: 30, copayFen: 0 }],
                    offline: s.offline,
                    recordedBy: 'device:property',
                  },
                  api.clock,
                );
                exchanged.push({ recordId, quantity: s.quantity, reversed: false });
              } else if (exchanged.length > 0) {
                // A reversal, asked twice: the goods go back once.
                const record = exchanged[s.pick % exchanged.length]!;
                for (let i = 0; i < 2; i++) {
                  await returnBasket(
                    tx,
                    { allianceId, recordId: record.recordId, recordedBy: 'device:property' },
                    api.clock,
                  );
                }
              }
            });
          } catch (e) {
            if (!isAppError(e) || e.code !== 'out_of_stock') throw e;
            refused = true;
          }

          // The model of the rules.
          if (s.kind === 'delivery') model += s.quantity;
          else if (s.kind === 'count') model = s.quantity;
          else if (s.kind === 'return') {
            expect(refused).toBe(s.quantity > model);
            if (!refused) model -= s.quantity;
          } else if (s.kind === 'exchange') {
            expect(refused).toBe(!s.offline && s.quantity > model);
            if (refused) exchanged.pop();
            else model -= s.quantity;
          } else if (exchanged.length > 0) {
            const record = exchanged[s.pick % exchanged.length]!;
            if (!record.reversed) model += record.quantity;
            record.reversed = true;
          }

          const after = await stockOf(good.id);
          expect(after.stock).toBe(after.sum);
          expect(after.stock).toBe(model);
          if (refused) expect(after).toEqual(before);
          const online = !(s.kind === 'exchange' && s.offline);
          if (online && after.stock < 0) expect(after.stock).toBeGreaterThanOrEqual(before.stock);
        }
        // Only an offline exchange that left the stock below zero is flagged.
        const flagged = await db
          .select({ quantity: stockEvents.quantity, kind: stockEvents.kind })
          .from(stockEvents)
          .where(and(eq(stockEvents.goodsId, good.id), eq(stockEvents.flagged, true)));
        for (const f of flagged) expect(f.kind).toBe('exchange');
        if (!steps.some((s) => s.kind === 'exchange' && s.offline)) expect(flagged).toEqual([]);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
