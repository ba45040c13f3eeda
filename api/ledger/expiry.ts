/**
 * The expiry sweep: a hold nobody captured goes back to its holder once its capture window has
 * passed (voucher expiry + the alliance's captureWindowSeconds, 2 h by default).
 * Promises: safe with any number of API instances sweeping at once (each takes the holds no
 * other sweeper or capture has locked: FOR UPDATE SKIP LOCKED); a hold being captured right
 * now is skipped, and then is no longer open; balances are locked in account-id order.
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { holds } from '../db/schema/index.ts';
import { ensureAccount } from './accounts.ts';
import { resolveHold } from './holds.ts';
import { ledgerTransaction } from './transaction.ts';

export interface SweepResult {
  expired: number;
  points: number;
}

export async function releaseExpiredHolds(
  db: Queryable,
  input: { allianceId?: string; batchSize?: number } = {},
  clock: Clock,
): Promise<SweepResult> {
  const batchSize = input.batchSize ?? 200;
  const total: SweepResult = { expired: 0, points: 0 };
  for (;;) {
    const batch = await ledgerTransaction(db, async (tx) => {
      const now = clock.now();
      const due = await tx
        .select()
        .from(holds)
        .where(
          and(
            eq(holds.state, 'open'),
            lte(holds.captureDeadline, now),
            input.allianceId ? eq(holds.allianceId, input.allianceId) : undefined,
          ),
        )
        .orderBy(asc(holds.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      const escrows = new Map<string, string>();
      for (const hold of due.sort((a, b) =>
        a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0,
      )) {
        let escrow = escrows.get(hold.allianceId);
        if (!escrow) {
          escrow = await ensureAccount(tx, hold.allianceId, 'escrow', hold.allianceId);
          escrows.set(hold.allianceId, escrow);
        }
        await resolveHold(tx, hold, {
          state: 'expired',
          escrowAccountId: escrow,
          now,
          reason: 'capture window ended',
        });
      }
      return { count: due.length, points: due.reduce((s, h) => s + h.capPoints, 0) };
    });
    total.expired += batch.count;
    total.points += batch.points;
    if (batch.count < batchSize) return total;
  }
}
