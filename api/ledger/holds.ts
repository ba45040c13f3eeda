/**
 * Two-phase holds for vouchers: placing a voucher's hold moves its cap from the holder's free
 * points to escrow (refused when the free points cannot cover it); the hold then resolves at
 * most once — captured (in full or in part, the rest released at once), released, or expired.
 * Promises: lock order is the hold row, then the holder's balance row; the hold's id is its
 * pending transfer's id; one hold per voucher id; a replayed placeHold changes nothing.
 */
import { and, asc, eq } from 'drizzle-orm';
import { shortCodeOf } from '../../shared/short-code.ts';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { alliances, holds } from '../db/schema/index.ts';
import type { HoldState } from '../db/schema/kinds.ts';
import { AppError } from '../errors.ts';
import { allianceAccount, holderAccount, type LedgerCache } from './accounts.ts';
import { derivedId } from './ids.ts';
import { Rollback, transactionOrRollback } from './transaction.ts';
import { creditHolder, debitHolder, freeBalance, type NewTransfer, postTransfers } from './transfers.ts';

export type Hold = typeof holds.$inferSelect;

export const holdIdOf = (allianceId: string, voucherId: string) => derivedId('hold', allianceId, voucherId);

export interface PlaceHoldInput {
  allianceId: string;
  /** The member asking; the hold sits on their holder account (household or own). */
  residentId: string;
  /** 24 lowercase hex, as the voucher will carry it. */
  voucherId: string;
  capPoints: number;
  issuedAt: Date;
  ttlSeconds: number;
  /** 0 = any merchant of the alliance, else the one merchant number. */
  merchantScope: number;
  /** The key that signs the voucher (kept so the same voucher can be shown again). */
  kid?: string;
  /**
   * One open code per person: release this resident's open codes in the same transaction, so a
   * phone that lost its code (closed, reinstalled) never leaves points locked for hours.
   */
  replaceOpen?: boolean;
  /**
   * 'coupon': a coupon bought with points (ledger/coupons.ts), held until it is used or expires;
   * never replaced by a new code, and without a 码号 (its code is signed afresh when shown).
   */
  kind?: 'voucher' | 'coupon';
}

export type PlaceHoldResult =
  | { outcome: 'held'; hold: Hold; replayed: boolean }
  | { outcome: 'insufficient_points'; available: number };

export async function placeHold(
  db: Queryable,
  input: PlaceHoldInput,
  clock: Clock,
  cache?: LedgerCache,
): Promise<PlaceHoldResult> {
  if (!/^[0-9a-f]{24}$/.test(input.voucherId)) {
    throw new AppError('invalid_voucher_id', { detail: 'A voucher id is 24 lowercase hex characters.' });
  }
  if (!Number.isSafeInteger(input.capPoints) || input.capPoints < 1 || input.capPoints > 0xffffffff) {
    throw new AppError('invalid_points', { detail: 'A voucher holds at least 1 point.' });
  }
  const [alliance] = await db
    .select({ captureWindowSeconds: alliances.captureWindowSeconds })
    .from(alliances)
    .where(eq(alliances.id, input.allianceId));
  if (!alliance) throw new AppError('alliance_not_found', { detail: 'No such alliance.' });
  const holder = await holderAccount(db, input.allianceId, input.residentId, cache);
  const escrow = await allianceAccount(db, input.allianceId, 'escrow', cache);
  const id = holdIdOf(input.allianceId, input.voucherId);
  const expiresAt = new Date(input.issuedAt.getTime() + input.ttlSeconds * 1000);
  const now = clock.now();
  return transactionOrRollback<PlaceHoldResult, PlaceHoldResult>(db, async (tx) => {
    const [earlier] = await tx.select().from(holds).where(eq(holds.id, id));
    if (earlier) return replayOf(earlier, input);
    // Lock order as everywhere: hold rows (the old codes, by id), then the holder's balance.
    if (input.replaceOpen) await releaseOpenCodesOf(tx, input, escrow, now);
    const [hold] = await tx
      .insert(holds)
      .values({
        id,
        allianceId: input.allianceId,
        voucherId: input.voucherId,
        accountId: holder.accountId,
        residentId: input.residentId,
        capPoints: input.capPoints,
        issuedAt: input.issuedAt,
        expiresAt,
        captureDeadline: new Date(expiresAt.getTime() + alliance.captureWindowSeconds * 1000),
        merchantScope: input.merchantScope,
        createdAt: now,
        kid: input.kid ?? null,
        shortCode: input.kind === 'coupon' ? null : shortCodeOf(input.voucherId),
        kind: input.kind ?? 'voucher',
      })
      .onConflictDoNothing()
      .returning();
    if (!hold) {
      const [first] = await tx.select().from(holds).where(eq(holds.id, id));
      return replayOf(first, input);
    }
    await postTransfers(tx, [
      {
        id,
        allianceId: input.allianceId,
        debitAccountId: holder.accountId,
        creditAccountId: escrow,
        amount: input.capPoints,
        kind: 'hold',
        createdAt: now,
      },
    ]);
    if (!(await debitHolder(tx, holder.accountId, input.capPoints))) {
      throw new Rollback({
        outcome: 'insufficient_points',
        available: await freeBalance(tx, holder.accountId),
      });
    }
    return { outcome: 'held', hold, replayed: false };
  });
}

/** The answer to a voucher placed again: the same hold, or a refusal when the id holds other points. */
function replayOf(first: Hold | undefined, input: PlaceHoldInput): PlaceHoldResult {
  if (first?.residentId !== input.residentId || first.capPoints !== input.capPoints) {
    throw new AppError('voucher_id_reused', {
      message: `voucher ${input.voucherId} already holds other points`,
      detail: 'This voucher id is already in use.',
    });
  }
  return { outcome: 'held', hold: first, replayed: true };
}

/** Releases every open code of the resident (their points come back; coupons stay) inside the caller's transaction. */
async function releaseOpenCodesOf(tx: Tx, input: PlaceHoldInput, escrow: string, now: Date): Promise<void> {
  const open = await tx
    .select()
    .from(holds)
    .where(
      and(
        eq(holds.allianceId, input.allianceId),
        eq(holds.residentId, input.residentId),
        eq(holds.state, 'open'),
        eq(holds.kind, 'voucher'),
      ),
    )
    .orderBy(asc(holds.id))
    .for('update');
  for (const hold of open) {
    await resolveHold(tx, hold, {
      state: 'released',
      escrowAccountId: escrow,
      now,
      reason: 'replaced by a new code',
    });
  }
}

/** Locks the voucher's hold row (the first lock of every operation on it). */
export async function lockHold(tx: Tx, allianceId: string, voucherId: string): Promise<Hold | undefined> {
  const [hold] = await tx
    .select()
    .from(holds)
    .where(and(eq(holds.allianceId, allianceId), eq(holds.voucherId, voucherId)))
    .for('update');
  return hold;
}

/**
 * Resolves an open, locked hold: `captured` points go to the merchant (by the caller's capture
 * transfer), the rest of the cap goes back to the holder under `restKind`.
 */
export async function resolveHold(
  tx: Tx,
  hold: Hold,
  resolution: {
    state: Exclude<HoldState, 'open'>;
    escrowAccountId: string;
    now: Date;
    captured?: { transfer: NewTransfer; recordId: string };
    actorId?: string | null;
    reason?: string | null;
  },
): Promise<void> {
  const capturedPoints = resolution.captured?.transfer.amount ?? 0;
  const rest = hold.capPoints - capturedPoints;
  const restKind = resolution.state === 'expired' ? 'expire' : 'release';
  const posted: NewTransfer[] = [];
  if (resolution.captured) posted.push(resolution.captured.transfer);
  if (rest > 0) {
    posted.push({
      id: derivedId(restKind, hold.id),
      allianceId: hold.allianceId,
      debitAccountId: resolution.escrowAccountId,
      creditAccountId: hold.accountId,
      amount: rest,
      kind: restKind,
      pendingId: hold.id,
      recordId: resolution.captured?.recordId ?? null,
      actorId: resolution.actorId ?? null,
      reason: resolution.reason ?? null,
      createdAt: resolution.now,
    });
  }
  await postTransfers(tx, posted);
  await tx
    .update(holds)
    .set({
      state: resolution.state,
      resolvedAt: resolution.now,
      capturedPoints: resolution.captured ? capturedPoints : null,
      claimedByRecordId: resolution.captured?.recordId ?? null,
    })
    .where(eq(holds.id, hold.id));
  await creditHolder(tx, hold.accountId, rest);
}

export type ReleaseResult =
  | { outcome: 'released'; points: number }
  | { outcome: 'not_open'; state: HoldState }
  | { outcome: 'not_found' };

/** Gives an open voucher's points back now (the resident cancelled it, or a newer one replaces it). */
export async function releaseHold(
  db: Queryable,
  input: { allianceId: string; voucherId: string; actorId?: string; reason?: string },
  clock: Clock,
): Promise<ReleaseResult> {
  const escrow = await allianceAccount(db, input.allianceId, 'escrow');
  return transactionOrRollback<ReleaseResult, ReleaseResult>(db, async (tx) => {
    const hold = await lockHold(tx, input.allianceId, input.voucherId);
    if (!hold) return { outcome: 'not_found' };
    if (hold.state !== 'open') return { outcome: 'not_open', state: hold.state as HoldState };
    await resolveHold(tx, hold, {
      state: 'released',
      escrowAccountId: escrow,
      now: clock.now(),
      actorId: input.actorId ?? null,
      reason: input.reason ?? null,
    });
    return { outcome: 'released', points: hold.capPoints };
  });
}
