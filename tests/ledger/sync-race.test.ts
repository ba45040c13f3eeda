/**
 * Two sync batches that share vouchers, from two shops' devices, racing (#20): the set-based
 * path locks a batch's holds in one order and rolls a run back when another batch got a voucher
 * first, so every voucher is captured exactly once, the other record of a shared voucher is a
 * double presentment with its conflict, every record has one outcome and the ledger adds up.
 * On PostgreSQL the batches run truly at once on their own connections, several rounds; PGlite
 * has one connection, so there they take turns and the test proves the bookkeeping.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../api/clock.ts';
import { type Database, openDatabase } from '../../api/db/client.ts';
import { rows } from '../../api/db/rows.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { placeHold } from '../../api/ledger/holds.ts';
import { mintPoints } from '../../api/ledger/mint.ts';
import { type SyncRecord, syncRecords, type VerifiedVoucher } from '../../api/ledger/sync.ts';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db.ts';
import { createWorld, fixtureVerifier, newVoucherId, type World } from './world.ts';

const ROUNDS = onPostgres ? 6 : 2;
const PER_BATCH = 60;
const SHARED = 30;
const CAP = 10;
const POINTS = 4;

describe(
  onPostgres
    ? 'two sync batches sharing vouchers, at once on PostgreSQL'
    : 'two sync batches sharing vouchers (PGlite)',
  () => {
    let database: TestDatabase;
    const extra: Database[] = [];
    let w: World;
    const clock = fixedClock('2026-11-22T02:00:00Z');
    const vouchers = new Map<string, VerifiedVoucher>();
    const deps = { clock, verifyRecord: fixtureVerifier(vouchers) };
    const seqs = new Map<string, number>();

    beforeAll(async () => {
      database = await createTestDatabase();
      if (onPostgres) for (let i = 0; i < 2; i++) extra.push(await openDatabase({ url: database.url! }));
      w = await createWorld(database.db, { merchants: 2, residents: 12 });
      for (const residentId of w.residents) {
        await mintPoints(
          database.db,
          {
            allianceId: w.allianceId,
            residentId,
            points: 10_000,
            reason: 'seed',
            actorId: w.actorId,
            idempotencyId: randomUUID(),
          },
          clock,
        );
      }
    });
    afterAll(async () => {
      for (const e of extra) await e.close();
      await database.close();
    });

    async function holdVoucher(n: number): Promise<string> {
      const voucherId = newVoucherId();
      const placed = await placeHold(
        database.db,
        {
          allianceId: w.allianceId,
          residentId: w.residents[n % w.residents.length]!,
          voucherId,
          capPoints: CAP,
          issuedAt: clock.now(),
          ttlSeconds: 180,
          merchantScope: 0,
        },
        clock,
      );
      expect(placed.outcome).toBe('held');
      const issuedAt = Math.floor(clock.now().getTime() / 1000);
      vouchers.set(`95${voucherId}`, {
        voucherId,
        capPoints: CAP,
        issuedAt,
        ttlSeconds: 180,
        expiresAt: issuedAt + 180,
        merchantScope: 0,
      });
      return voucherId;
    }

    function record(voucherId: string, deviceId: string): SyncRecord {
      const seq = (seqs.get(deviceId) ?? 0) + 1;
      seqs.set(deviceId, seq);
      return {
        id: randomUUID(),
        voucher: `95${voucherId}`,
        points: POINTS,
        offerId: null,
        billFen: 3500,
        discountFen: 500,
        scannedAt: clock.now().getTime(),
        deviceId,
        seq,
        sig: 'A'.repeat(86),
      };
    }

    it('captures each shared voucher exactly once; the other record is a double presentment', async () => {
      const deviceA = w.merchants[0]!.deviceIds[0]!;
      const deviceB = w.merchants[1]!.deviceIds[0]!;
      for (let round = 0; round < ROUNDS; round++) {
        const ids = [];
        for (let i = 0; i < 2 * PER_BATCH - SHARED; i++) ids.push(await holdVoucher(i));
        // A takes the first PER_BATCH vouchers, B the last PER_BATCH (SHARED in the middle), in the
        // opposite order: the run's lock order, not the device's, decides who waits.
        const batchA = ids.slice(0, PER_BATCH).map((v) => record(v, deviceA));
        const batchB = ids
          .slice(PER_BATCH - SHARED)
          .reverse()
          .map((v) => record(v, deviceB));
        const dbA = onPostgres ? extra[0]!.db : database.db;
        const dbB = onPostgres ? extra[1]!.db : database.db;
        const [a, b] = await Promise.all([
          syncRecords(dbA, { allianceId: w.allianceId, deviceId: deviceA, records: batchA }, deps),
          syncRecords(dbB, { allianceId: w.allianceId, deviceId: deviceB, records: batchB }, deps),
        ]);
        expect(a.results).toHaveLength(PER_BATCH);
        expect(b.results).toHaveLength(PER_BATCH);
        const outcomeOf = new Map<string, string>();
        for (const r of [...a.results, ...b.results]) {
          expect(r.replayed).toBe(false);
          outcomeOf.set(r.id, r.outcome);
        }
        for (const [i, voucherId] of ids.entries()) {
          const records = [...batchA, ...batchB].filter((r) => r.voucher === `95${voucherId}`);
          const outcomes = records.map((r) => outcomeOf.get(r.id)).sort();
          if (i < PER_BATCH - SHARED || i >= PER_BATCH) expect(outcomes).toEqual(['accepted']);
          else expect(outcomes).toEqual(['accepted', 'voucher_already_redeemed']);
        }
        // Stored: one accepted capture per voucher, one capture transfer per hold, one conflict per shared voucher.
        const [stored] = await rows<{ accepted: number; captures: number; conflicts: number; open: number }>(
          database.db,
          sql`select
            (select count(*)::int from redemptions where outcome = 'accepted'
               and voucher_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))) as accepted,
            (select count(*)::int from transfers t join holds h on h.id = t.pending_id where t.kind = 'capture'
               and h.voucher_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))) as captures,
            (select count(*)::int from conflicts where kind = 'double_presentment'
               and voucher_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))) as conflicts,
            (select count(*)::int from holds where state = 'open'
               and voucher_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))) as open`,
        );
        expect(stored).toEqual({ accepted: ids.length, captures: ids.length, conflicts: SHARED, open: 0 });
        // A replay of both batches, racing again, gets the first answers and changes nothing.
        const [a2, b2] = await Promise.all([
          syncRecords(dbA, { allianceId: w.allianceId, deviceId: deviceA, records: batchA }, deps),
          syncRecords(dbB, { allianceId: w.allianceId, deviceId: deviceB, records: batchB }, deps),
        ]);
        expect(a2.results.map((r) => [r.id, r.outcome, r.replayed])).toEqual(
          a.results.map((r) => [r.id, r.outcome, true]),
        );
        expect(b2.results.map((r) => [r.id, r.outcome, r.replayed])).toEqual(
          b.results.map((r) => [r.id, r.outcome, true]),
        );
      }
      expect(await checkLedger(database.db, { allianceId: w.allianceId })).toEqual([]);
    }, 180_000);
  },
);
