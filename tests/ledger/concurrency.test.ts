/**
 * Many merchants capturing from the same resident at once, replays racing their originals, two
 * merchants presenting one voucher together, and the expiry sweeper running alongside. On
 * PostgreSQL the workers run concurrently on their own connections; PGlite has one connection,
 * so there the same scenario runs worker after worker and only proves the bookkeeping.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../api/clock.ts';
import { type Database, type Db, openDatabase } from '../../api/db/client.ts';
import { rows } from '../../api/db/rows.ts';
import { ledgerAccounts } from '../../api/db/schema/index.ts';
import { accountBalances } from '../../api/ledger/accounts.ts';
import { capturePoints, type RecordResult } from '../../api/ledger/capture.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { releaseExpiredHolds } from '../../api/ledger/expiry.ts';
import { placeHold } from '../../api/ledger/holds.ts';
import { mintPoints } from '../../api/ledger/mint.ts';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db.ts';
import { createWorld, newVoucherId, type World } from './world.ts';

const WORKERS = 8;
const ROUNDS = onPostgres ? 30 : 8;
const MINTED = 100_000;

describe(
  onPostgres
    ? 'concurrent captures on PostgreSQL'
    : 'the concurrency scenario, one worker at a time (PGlite)',
  () => {
    let database: TestDatabase;
    const extra: Database[] = [];
    let w: World;
    beforeAll(async () => {
      database = await createTestDatabase();
      if (onPostgres) {
        for (let i = 0; i < WORKERS + 1; i++) extra.push(await openDatabase({ url: database.url! }));
      }
      w = await createWorld(database.db, { merchants: 4 });
      const clock = fixedClock('2026-11-22T02:00:00Z');
      await mintPoints(
        database.db,
        {
          allianceId: w.allianceId,
          residentId: w.residents[0]!,
          points: MINTED,
          reason: 'seed',
          actorId: w.actorId,
          idempotencyId: randomUUID(),
        },
        clock,
      );
    });
    afterAll(async () => {
      for (const e of extra) await e.close();
      await database.close();
    });

    it('ends with every invariant holding, no error reaching a caller and no point lost or doubled', async () => {
      const resident = w.residents[0]!;
      const workerClock = fixedClock('2026-11-22T02:00:00Z');
      // The sweeper lives three hours ahead: every open hold it sees is due, so it races the captures.
      const sweeperClock = fixedClock('2026-11-22T05:00:00Z');
      const results: RecordResult[] = [];
      let stop = false;
      let swept = 0;

      async function worker(db: Db, n: number) {
        for (let round = 0; round < ROUNDS; round++) {
          const voucherId = newVoucherId();
          const cap = 5 + ((n * 31 + round * 7) % 50);
          const held = await placeHold(
            db,
            {
              allianceId: w.allianceId,
              residentId: resident,
              voucherId,
              capPoints: cap,
              issuedAt: workerClock.now(),
              ttlSeconds: 180,
              merchantScope: 0,
            },
            workerClock,
          );
          if (held.outcome !== 'held') continue;
          const capture = (merchant: number, recordId = randomUUID()) =>
            capturePoints(
              db,
              {
                allianceId: w.allianceId,
                recordId,
                merchantId: w.merchants[merchant % w.merchants.length]!.id,
                voucherId,
                capPoints: cap,
                merchantScope: 0,
                points: 1 + (round % cap),
                offline: round % 2 === 0,
              },
              workerClock,
            );
          const recordId = randomUUID();
          // The original, its replay, and another merchant presenting the same voucher, all at once.
          const batch = await Promise.all([capture(n, recordId), capture(n, recordId), capture(n + 1)]);
          results.push(...batch);
          if (round % 5 === 0) {
            await mintPoints(
              db,
              {
                allianceId: w.allianceId,
                residentId: resident,
                points: 1,
                reason: 'patrol',
                actorId: w.actorId,
                idempotencyId: randomUUID(),
              },
              workerClock,
            );
            minted += 1;
          }
        }
      }
      let minted = MINTED;

      async function sweeper(db: Db) {
        while (!stop) {
          swept += (await releaseExpiredHolds(db, { allianceId: w.allianceId, batchSize: 5 }, sweeperClock))
            .expired;
          await new Promise((r) => setTimeout(r, 2));
        }
      }

      if (onPostgres) {
        const sweeping = sweeper(extra[WORKERS]!.db);
        await Promise.all(extra.slice(0, WORKERS).map((e, n) => worker(e.db, n)));
        stop = true;
        await sweeping;
      } else {
        for (let n = 0; n < WORKERS; n++) {
          await worker(database.db, n);
          swept += (await releaseExpiredHolds(database.db, { allianceId: w.allianceId }, sweeperClock))
            .expired;
        }
      }
      swept += (await releaseExpiredHolds(database.db, { allianceId: w.allianceId }, sweeperClock)).expired;

      expect(
        await checkLedger(database.db, { allianceId: w.allianceId }),
        `after ${swept} sweeper expiries`,
      ).toEqual([]);
      // Each record has one outcome: the original and its replay agree.
      const byRecord = new Map<string, string>();
      for (const r of results) {
        const first = byRecord.get(r.recordId);
        if (first) expect(r.outcome).toBe(first);
        else byRecord.set(r.recordId, r.outcome);
      }
      const accepted = [...byRecord.entries()].filter(([, o]) => o === 'accepted').map(([id]) => id);
      expect(accepted.length).toBeGreaterThan(0);
      // No point lost or doubled: what left the resident is exactly what the merchants hold.
      const [captured] = await rows<{ points: string | number; n: string | number }>(
        database.db,
        sql`select coalesce(sum(amount), 0) as points, count(*) as n from transfers where alliance_id = ${w.allianceId} and kind = 'capture'`,
      );
      expect(Number(captured!.n)).toBe(accepted.length);
      const merchantTotal = await rows<{ total: string | number }>(
        database.db,
        sql`select coalesce(sum(case when t.credit_account_id = a.id then t.amount else -t.amount end), 0) as total
          from transfers t join ledger_accounts a on a.kind = 'merchant' and a.id in (t.debit_account_id, t.credit_account_id)
          where t.alliance_id = ${w.allianceId}`,
      );
      expect(Number(merchantTotal[0]!.total)).toBe(Number(captured!.points));
      const balances = await accountBalances(database.db, { allianceId: w.allianceId, residentId: resident });
      expect(balances.held).toBe(0);
      expect(balances.balance + Number(captured!.points)).toBe(minted);
      const [account] = await database.db
        .select()
        .from(ledgerAccounts)
        .where(and(eq(ledgerAccounts.allianceId, w.allianceId), eq(ledgerAccounts.id, balances.accountId)));
      expect(account!.balance).toBe(balances.available);
      const outcomes: Record<string, number> = {};
      for (const o of byRecord.values()) outcomes[o] = (outcomes[o] ?? 0) + 1;
      // The resident can always cover a late capture: only the second presentment is refused.
      expect(Object.keys(outcomes).sort()).toEqual(['accepted', 'voucher_already_redeemed']);
      expect(outcomes.accepted).toBe(outcomes.voucher_already_redeemed);
    }, 120_000);
  },
);
