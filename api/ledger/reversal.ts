/**
 * Reversal: the merchant undoes one of its captures on the same local day (a mistaken amount,
 * a cancelled sale). The points go back to the holder's free balance by a new `reverse`
 * transfer linked to the capture; the capture itself is never touched.
 * Promises: a capture is reversed at most once (a replay answers `reversed` again); lock order
 * is the voucher's hold row, then the holder's balance.
 */
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { alliances, redemptions, transfers } from '../db/schema/index.ts';
import { localDay } from '../local-time.ts';
import { lockHold } from './holds.ts';
import { derivedId } from './ids.ts';
import { ledgerTransaction } from './transaction.ts';
import { creditHolder } from './transfers.ts';

export interface ReverseInput {
  allianceId: string;
  /** The redemption record whose capture is undone. */
  recordId: string;
  /** The merchant asking: only the capturing merchant may reverse. */
  merchantId: string;
  actorId?: string | null;
  reason?: string | null;
  /** Runs in the reversal's transaction when it reverses (not on a replay): a basket's goods go back. */
  onReversed?: (tx: Tx) => Promise<void>;
}

export type ReverseResult =
  | { outcome: 'reversed'; transferId: string; points: number; replayed: boolean }
  | { outcome: 'not_reversible'; why: 'not_found' | 'not_accepted' | 'other_merchant' | 'not_same_day' };

export async function reverseCapture(
  db: Queryable,
  input: ReverseInput,
  clock: Clock,
): Promise<ReverseResult> {
  return ledgerTransaction(db, async (tx): Promise<ReverseResult> => {
    const [found] = await tx
      .select({ record: redemptions, capture: transfers, timezone: alliances.timezone })
      .from(redemptions)
      .innerJoin(alliances, eq(alliances.id, redemptions.allianceId))
      .leftJoin(transfers, eq(transfers.id, redemptions.transferId))
      .where(and(eq(redemptions.id, input.recordId), eq(redemptions.allianceId, input.allianceId)));
    if (!found) return { outcome: 'not_reversible', why: 'not_found' };
    const { record, capture } = found;
    if (record.outcome !== 'accepted' || !capture || !record.voucherId) {
      return { outcome: 'not_reversible', why: 'not_accepted' };
    }
    if (record.merchantId !== input.merchantId) return { outcome: 'not_reversible', why: 'other_merchant' };
    // A household card's capture has no hold: it took the holder's free balance directly.
    const hold = await lockHold(tx, input.allianceId, record.voucherId);
    const holderAccountId = hold?.accountId ?? capture.debitAccountId;
    const id = derivedId('reverse', capture.id);
    const [earlier] = await tx.select({ id: transfers.id }).from(transfers).where(eq(transfers.id, id));
    if (earlier) return { outcome: 'reversed', transferId: id, points: capture.amount, replayed: true };
    const now = clock.now();
    const day = localDay(found.timezone, capture.createdAt);
    if (now < day.start || now >= day.end) return { outcome: 'not_reversible', why: 'not_same_day' };
    await tx.insert(transfers).values({
      id,
      allianceId: input.allianceId,
      debitAccountId: capture.creditAccountId,
      creditAccountId: holderAccountId,
      amount: capture.amount,
      kind: 'reverse',
      recordId: record.id,
      reversesId: capture.id,
      pendingId: hold?.id ?? null,
      actorId: input.actorId ?? null,
      reason: input.reason ?? null,
      createdAt: now,
    });
    await creditHolder(tx, holderAccountId, capture.amount);
    await input.onReversed?.(tx);
    return { outcome: 'reversed', transferId: id, points: capture.amount, replayed: false };
  });
}
