/**
 * Property tests: random interleavings of mint, hold, capture, release, expiry, deductions (at
 * most the free balance) and their restoring, and replays,
 * with the ledger's invariants checked after every step against the database (checkLedger) and
 * against a plain model of what each holder should own.
 */
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../api/clock.ts';
import { ledgerAccounts, transfers } from '../../api/db/schema/index.ts';
import { accountBalances, holderAccount } from '../../api/ledger/accounts.ts';
import { capturePoints } from '../../api/ledger/capture.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { deductFree, restoreDeducted } from '../../api/ledger/deduct.ts';
import { releaseExpiredHolds } from '../../api/ledger/expiry.ts';
import { placeHold, releaseHold } from '../../api/ledger/holds.ts';
import { mintPoints } from '../../api/ledger/mint.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';
import { createWorld, newVoucherId } from './world.ts';

type Op =
  | { t: 'mint'; who: number; points: number }
  | { t: 'hold'; who: number; cap: number }
  | { t: 'capture'; hold: number; points: number; merchant: number; offline: boolean }
  | { t: 'release'; hold: number }
  | { t: 'expire' }
  | { t: 'deduct'; who: number; points: number }
  | { t: 'restore'; deduction: number }
  | { t: 'replay'; step: number };

const who = fc.integer({ min: 0, max: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('mint' as const), who, points: fc.integer({ min: 1, max: 100 }) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant('hold' as const), who, cap: fc.integer({ min: 1, max: 120 }) }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('capture' as const),
      hold: fc.nat(),
      points: fc.integer({ min: 1, max: 130 }),
      merchant: fc.integer({ min: 0, max: 1 }),
      offline: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('release' as const), hold: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('expire' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('deduct' as const),
      who,
      points: fc.integer({ min: 1, max: 150 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('restore' as const), deduction: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('replay' as const), step: fc.nat() }) },
);

interface ModelHold {
  voucherId: string;
  account: number;
  cap: number;
  state: 'open' | 'captured' | 'released' | 'expired';
  claimed: boolean;
}

describe('ledger properties', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('random interleavings keep every invariant after every step, and replays change nothing', async () => {
    const db = database.db;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 22 }), async (ops) => {
        const clock = fixedClock('2026-11-22T02:00:00Z');
        const w = await createWorld(db, { residents: 2 });
        // Who 0 and 1 have their own accounts; 2 and 3 share a household's.
        const residents = [w.residents[0]!, w.residents[1]!, ...w.household.members];
        const accountOf = (i: number) => Math.min(i, 2);
        const free = [0, 0, 0];
        const holds: ModelHold[] = [];
        const deductions: { transferId: string; account: number; taken: number; restored: boolean }[] = [];
        const done: { run: () => Promise<unknown>; result: unknown }[] = [];

        const snapshot = async () => {
          const [n] = await db
            .select({ n: count() })
            .from(transfers)
            .where(eq(transfers.allianceId, w.allianceId));
          const balances = await db
            .select({ id: ledgerAccounts.id, balance: ledgerAccounts.balance })
            .from(ledgerAccounts)
            .where(eq(ledgerAccounts.allianceId, w.allianceId))
            .orderBy(ledgerAccounts.id);
          return { transfers: n!.n, balances };
        };

        for (const o of ops) {
          if (o.t === 'mint') {
            const input = {
              allianceId: w.allianceId,
              residentId: residents[o.who]!,
              points: o.points,
              reason: 'r',
              actorId: w.actorId,
              idempotencyId: randomUUID(),
            };
            const run = () => mintPoints(db, input, clock);
            const result = await run();
            expect(result.outcome).toBe('minted');
            free[accountOf(o.who)]! += o.points;
            done.push({
              run: async () => ({ ...(await run()), replayed: false }),
              result: { ...result, replayed: false },
            });
          } else if (o.t === 'hold') {
            const voucherId = newVoucherId();
            const input = {
              allianceId: w.allianceId,
              residentId: residents[o.who]!,
              voucherId,
              capPoints: o.cap,
              issuedAt: clock.now(),
              ttlSeconds: 180,
              merchantScope: 0,
            };
            const run = () => placeHold(db, input, clock);
            const result = await run();
            const a = accountOf(o.who);
            if (free[a]! >= o.cap) {
              expect(result.outcome).toBe('held');
              free[a]! -= o.cap;
              holds.push({ voucherId, account: a, cap: o.cap, state: 'open', claimed: false });
              done.push({
                run: async () => ({ ...((await run()) as object), replayed: false }),
                result: { ...result, replayed: false },
              });
            } else {
              expect(result).toEqual({ outcome: 'insufficient_points', available: free[a] });
            }
          } else if (o.t === 'capture' && holds.length > 0) {
            const h = holds[o.hold % holds.length]!;
            const input = {
              allianceId: w.allianceId,
              recordId: randomUUID(),
              merchantId: w.merchants[o.merchant]!.id,
              voucherId: h.voucherId,
              capPoints: h.cap,
              merchantScope: 0,
              points: o.points,
              offline: o.offline,
            };
            const run = () => capturePoints(db, input, clock);
            const result = await run();
            let expected: string;
            if (o.points > h.cap) expected = 'points_exceed_cap';
            else if (h.claimed) expected = 'voucher_already_redeemed';
            else if (h.state === 'open') {
              expected = 'accepted';
              free[h.account]! += h.cap - o.points;
              h.state = 'captured';
              h.claimed = true;
            } else if (free[h.account]! >= o.points) {
              expected = 'accepted';
              free[h.account]! -= o.points;
              h.claimed = true;
            } else {
              expected = 'insufficient_points';
              if (o.offline) h.claimed = true;
            }
            expect(result.outcome).toBe(expected);
            done.push({
              run: async () => ({ ...(await run()), replayed: false }),
              result: { ...result, replayed: false },
            });
          } else if (o.t === 'release' && holds.length > 0) {
            const h = holds[o.hold % holds.length]!;
            const result = await releaseHold(db, { allianceId: w.allianceId, voucherId: h.voucherId }, clock);
            expect(result.outcome).toBe(h.state === 'open' ? 'released' : 'not_open');
            if (h.state === 'open') {
              free[h.account]! += h.cap;
              h.state = 'released';
            }
          } else if (o.t === 'expire') {
            clock.advance((180 + 7200 + 1) * 1000);
            const swept = await releaseExpiredHolds(db, { allianceId: w.allianceId }, clock);
            const open = holds.filter((h) => h.state === 'open');
            expect(swept.expired).toBe(open.length);
            for (const h of open) {
              free[h.account]! += h.cap;
              h.state = 'expired';
            }
          } else if (o.t === 'deduct') {
            const a = accountOf(o.who);
            const { accountId } = await holderAccount(db, w.allianceId, residents[o.who]!);
            const transferId = randomUUID();
            const run = () =>
              db.transaction((tx) =>
                deductFree(
                  tx,
                  {
                    allianceId: w.allianceId,
                    accountId,
                    points: o.points,
                    reason: 'r',
                    actorId: w.actorId,
                    transferId,
                  },
                  clock,
                ),
              );
            const result = await run();
            const taken = Math.min(o.points, free[a]!);
            expect(result).toEqual({ taken });
            free[a]! -= taken;
            if (taken > 0) {
              deductions.push({ transferId, account: a, taken, restored: false });
              done.push({ run, result });
            }
          } else if (o.t === 'restore' && deductions.length > 0) {
            const d = deductions[o.deduction % deductions.length]!;
            const holder = residents.findIndex((_, i) => accountOf(i) === d.account);
            const { accountId } = await holderAccount(db, w.allianceId, residents[holder]!);
            const input = {
              allianceId: w.allianceId,
              accountId,
              deductTransferId: d.transferId,
              transferId: `${d.transferId.slice(0, -1)}${d.transferId.endsWith('0') ? '1' : '0'}`,
              reason: 'r',
              actorId: w.actorId,
            };
            const run = () => db.transaction((tx) => restoreDeducted(tx, input, clock));
            const result = await run();
            expect(result).toEqual({ restored: d.taken });
            if (!d.restored) free[d.account]! += d.taken;
            d.restored = true;
            done.push({ run, result });
          } else if (o.t === 'replay' && done.length > 0) {
            const earlier = done[o.step % done.length]!;
            const before = await snapshot();
            const again = await earlier.run();
            expect(again).toMatchObject(
              Object.fromEntries(
                Object.entries(earlier.result as object).filter(([k]) => k !== 'replayed' && k !== 'hold'),
              ),
            );
            expect(await snapshot()).toEqual(before);
          }

          expect(await checkLedger(db, { allianceId: w.allianceId })).toEqual([]);
          for (const [i, residentId] of [residents[0]!, residents[1]!, residents[2]!].entries()) {
            const b = await accountBalances(db, { allianceId: w.allianceId, residentId });
            const held = holds
              .filter((h) => h.account === i && h.state === 'open')
              .reduce((s, h) => s + h.cap, 0);
            expect(b).toMatchObject({ available: free[i], held, balance: free[i]! + held });
          }
        }
      }),
      { numRuns: 25, interruptAfterTimeLimit: 45_000 },
    );
  }, 60_000);
});
