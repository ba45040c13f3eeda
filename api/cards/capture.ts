/**
 * Capturing points with a household card: online after a right PIN, or offline (no PIN, up to
 * the card's daily floor) through sync. There is no hold: the points come from the holder's
 * free balance in one step, like a late voucher capture (ledger/capture.ts).
 *
 * Promises: every record gets exactly one outcome, stored with the record, and a replayed record
 * id gets it again; lock order is the card row, then the holder's balance, then the record claim
 * (as a voucher's hold row comes before the balance); an offline record the free balance does
 * not cover is `insufficient_points` and opens a `late_shortfall` conflict (the shop already gave
 * the discount); an offline record scanned after the card was reported lost, replaced or locked
 * is refused (`bad_voucher`) and takes nothing from the holder.
 */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { cards, cardUses, redemptions } from '../db/schema/index.ts';
import { holderAccount, type LedgerCache, merchantAccount } from '../ledger/accounts.ts';
import {
  openConflict,
  type RecordFacts,
  type RecordResult,
  recordedOutcome,
  type Stored,
  storeOutcome,
} from '../ledger/capture.ts';
import { derivedId } from '../ledger/ids.ts';
import { ledgerTransaction } from '../ledger/transaction.ts';
import { debitHolder, freeBalanceForUpdate, postTransfers } from '../ledger/transfers.ts';
import { localDay } from '../local-time.ts';
import { CARD_OFFLINE_FLOOR_POINTS, type CardRow, pinAccepted, requireUsable } from './cards.ts';

/**
 * What a card record stores in redemptions.voucher_id: one per record (a voucher id is captured
 * at most once; a card many times), ending in the card number so a shop's list shows its tail.
 */
export const cardRecordKey = (recordId: string, number: string) => `card:${recordId}:${number}`;

export interface CardCaptureInput extends Omit<RecordFacts, 'voucherId'> {
  card: CardRow;
  /** Online: the PIN was right just now; the card must still be usable and gets its attempts back. */
  pinChecked: boolean;
  /** Offline limits, the card's floor or an offer's rule this record broke (reported, the points still taken). */
  limitBreach?: string | null;
  /** Runs in the capture's transaction once it is accepted: a basket's goods leave the shelf. */
  onAccepted?: (tx: Tx) => Promise<void>;
}

export type CardCaptureResult = RecordResult & { holderAccountId: string };

/** Points the card spent offline (accepted records) during the local day holding `at`. */
export async function cardDayUsage(
  q: Queryable,
  input: { cardId: string; timezone: string; at: Date },
): Promise<number> {
  const day = localDay(input.timezone, input.at);
  const [row] = await q
    .select({ used: sql<string>`coalesce(sum(${redemptions.points}), 0)` })
    .from(cardUses)
    .innerJoin(redemptions, eq(redemptions.id, cardUses.recordId))
    .where(
      and(
        eq(cardUses.cardId, input.cardId),
        eq(cardUses.offline, true),
        eq(redemptions.outcome, 'accepted'),
        gte(redemptions.scannedAt, day.start),
        lt(redemptions.scannedAt, day.end),
      ),
    );
  return Number(row?.used ?? 0);
}

/** Why an offline capture of `points` breaks the card's floor when `usedToday` were spent already, or null. */
export function cardFloorBreach(
  points: number,
  usedToday: number,
  floor = CARD_OFFLINE_FLOOR_POINTS,
): string | null {
  if (usedToday + points <= floor) return null;
  return `card spent ${usedToday + points} points offline today, over the card floor of ${floor}`;
}

/** The offline record was made after the card stopped being good (its time by the device clock). */
function blockedAt(card: CardRow, scannedAt: Date): string | null {
  const after = (d: Date | null) => d !== null && d.getTime() <= scannedAt.getTime();
  if (card.status === 'lost' && after(card.lostAt))
    return `card_lost: reported lost at ${card.lostAt!.toISOString()}`;
  if (card.status === 'replaced' && after(card.replacedAt)) {
    return `card_replaced: replaced by a new card at ${card.replacedAt!.toISOString()}`;
  }
  if (after(card.lockedAt)) return `card_locked: locked by wrong PINs at ${card.lockedAt!.toISOString()}`;
  return null;
}

export async function captureWithCard(
  db: Queryable,
  input: CardCaptureInput,
  clock: Clock,
  cache?: LedgerCache,
): Promise<CardCaptureResult> {
  const { card } = input;
  const holder = await holderAccount(db, input.allianceId, card.residentId, cache);
  const merchantAccountId = await merchantAccount(db, input.allianceId, input.merchantId, cache);
  const facts: RecordFacts & { voucherId: string } = {
    ...input,
    voucherId: cardRecordKey(input.recordId, card.number),
  };
  const offline = input.offline ?? false;
  const result = await ledgerTransaction(db, async (tx): Promise<RecordResult> => {
    const now = clock.now();
    const replay = await recordedOutcome(tx, facts);
    if (replay) return replay;
    const [locked] = await tx.select().from(cards).where(eq(cards.id, card.id)).for('update');
    const current = locked ?? card;
    const store = async (stored: Stored) => {
      const answer = await storeOutcome(tx, facts, stored, now);
      if (!answer.replayed) await noteUse(tx, input, now);
      return answer;
    };
    if (input.pinChecked) {
      // Lost or locked between the PIN check and now: refused like any unusable card (nothing stored).
      requireUsable(current);
      await pinAccepted(tx, card.id);
    } else if (offline) {
      const blocked = blockedAt(current, input.scannedAt ?? now);
      if (blocked) return store({ outcome: 'bad_voucher', detail: blocked });
    }
    const free = await freeBalanceForUpdate(tx, holder.accountId);
    if (free < input.points) {
      const detail = `card: free balance ${free} < ${input.points} points`;
      const refused = await store({ outcome: 'insufficient_points', detail });
      if (!offline || refused.replayed || refused.outcome !== 'insufficient_points') return refused;
      return { ...refused, conflictId: await openConflict(tx, 'late_shortfall', facts, now) };
    }
    const transferId = derivedId('capture', input.recordId);
    const limitBreach = input.limitBreach ?? null;
    const accepted = await store({ outcome: 'accepted', transferId, limitBreach, detail: limitBreach });
    if (accepted.replayed || accepted.outcome !== 'accepted') return accepted;
    await postTransfers(tx, [
      {
        id: transferId,
        allianceId: input.allianceId,
        debitAccountId: holder.accountId,
        creditAccountId: merchantAccountId,
        amount: input.points,
        kind: 'capture',
        recordId: input.recordId,
        createdAt: now,
      },
    ]);
    if (!(await debitHolder(tx, holder.accountId, input.points))) throw new Error('locked balance changed');
    await input.onAccepted?.(tx);
    return accepted;
  });
  return { ...result, holderAccountId: holder.accountId };
}

async function noteUse(tx: Tx, input: CardCaptureInput, now: Date): Promise<void> {
  await tx
    .insert(cardUses)
    .values({
      recordId: input.recordId,
      allianceId: input.allianceId,
      cardId: input.card.id,
      merchantId: input.merchantId,
      offline: input.offline ?? false,
      pinChecked: input.pinChecked,
      floorBreach: input.limitBreach ?? null,
      createdAt: now,
    })
    .onConflictDoNothing();
}
