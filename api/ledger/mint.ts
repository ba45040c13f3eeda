/**
 * Granting points to a resident (mint: issuance → holder) and correcting a holder's balance
 * (adjust, either way), each with a reason and the acting staff member. The client's id is the
 * transfer's id: a replay returns the first result, the same id with other values is refused.
 */
import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { transfers } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { allianceAccount, holderAccount, type LedgerCache } from './accounts.ts';
import { Rollback, transactionOrRollback } from './transaction.ts';
import { creditHolder, debitHolder, freeBalance, type NewTransfer } from './transfers.ts';

/** Points of one grant or correction: the seeds award 3 to 160 an act; anything huge is a typo. */
export const MAX_POINTS_PER_TRANSFER = 1_000_000;

export interface MintInput {
  allianceId: string;
  residentId: string;
  points: number;
  reason: string;
  actorId: string;
  /** The client's id for this grant (UUID): the idempotency key. */
  idempotencyId: string;
}

/** `replayed`: the id had been used for this very grant; nothing changed this time. */
export type MintResult = { outcome: 'minted'; transferId: string; accountId: string; replayed: boolean };

function requirePoints(points: number, allowNegative: boolean): void {
  const ok =
    Number.isSafeInteger(points) &&
    points !== 0 &&
    Math.abs(points) <= MAX_POINTS_PER_TRANSFER &&
    (allowNegative || points > 0);
  if (!ok) {
    throw new AppError('invalid_points', {
      message: `points ${points} out of range`,
      detail: `Points must be a whole number from 1 to ${MAX_POINTS_PER_TRANSFER}.`,
    });
  }
}

function requireReason(reason: string): void {
  if (!reason.trim()) {
    throw new AppError('reason_required', { detail: 'Say why: a reason is required.' });
  }
}

/** Inserts the transfer under the client's id; false when that id was already used. */
async function claim(tx: Tx, row: NewTransfer): Promise<boolean> {
  const inserted = await tx
    .insert(transfers)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: transfers.id });
  return inserted.length === 1;
}

async function sameAsBefore(tx: Tx, row: NewTransfer): Promise<boolean> {
  const [first] = await tx.select().from(transfers).where(eq(transfers.id, row.id));
  return (
    !!first &&
    first.allianceId === row.allianceId &&
    first.kind === row.kind &&
    first.amount === row.amount &&
    first.debitAccountId === row.debitAccountId &&
    first.creditAccountId === row.creditAccountId
  );
}

const reused = (id: string) =>
  new AppError('idempotency_conflict', {
    message: `transfer id ${id} was used for another transfer`,
    detail: 'This request id was already used for a different request.',
  });

export async function mintPoints(
  db: Queryable,
  input: MintInput,
  clock: Clock,
  cache?: LedgerCache,
): Promise<MintResult> {
  requirePoints(input.points, false);
  requireReason(input.reason);
  const holder = await holderAccount(db, input.allianceId, input.residentId, cache);
  const issuance = await allianceAccount(db, input.allianceId, 'issuance', cache);
  const row: NewTransfer = {
    id: input.idempotencyId,
    allianceId: input.allianceId,
    debitAccountId: issuance,
    creditAccountId: holder.accountId,
    amount: input.points,
    kind: 'mint',
    reason: input.reason,
    actorId: input.actorId,
    createdAt: clock.now(),
  };
  return transactionOrRollback(db, async (tx) => {
    if (!(await claim(tx, row))) {
      if (!(await sameAsBefore(tx, row))) throw reused(row.id);
      return { outcome: 'minted', transferId: row.id, accountId: holder.accountId, replayed: true };
    }
    await creditHolder(tx, holder.accountId, input.points);
    return { outcome: 'minted', transferId: row.id, accountId: holder.accountId, replayed: false };
  });
}

export interface AdjustInput extends Omit<MintInput, 'points'> {
  /** Positive adds points, negative takes them (never below the free balance). */
  points: number;
}

export type AdjustResult =
  | { outcome: 'adjusted'; transferId: string; accountId: string; replayed: boolean }
  | { outcome: 'insufficient_points'; available: number };

/** A correction: a new `adjust` transfer between issuance and the holder, never an edit. */
export async function adjustPoints(db: Queryable, input: AdjustInput, clock: Clock): Promise<AdjustResult> {
  requirePoints(input.points, true);
  requireReason(input.reason);
  const holder = await holderAccount(db, input.allianceId, input.residentId);
  const issuance = await allianceAccount(db, input.allianceId, 'issuance');
  const give = input.points > 0;
  const amount = Math.abs(input.points);
  const row: NewTransfer = {
    id: input.idempotencyId,
    allianceId: input.allianceId,
    debitAccountId: give ? issuance : holder.accountId,
    creditAccountId: give ? holder.accountId : issuance,
    amount,
    kind: 'adjust',
    reason: input.reason,
    actorId: input.actorId,
    createdAt: clock.now(),
  };
  return transactionOrRollback<AdjustResult, AdjustResult>(db, async (tx) => {
    if (!(await claim(tx, row))) {
      if (!(await sameAsBefore(tx, row))) throw reused(row.id);
      return { outcome: 'adjusted', transferId: row.id, accountId: holder.accountId, replayed: true };
    }
    if (give) await creditHolder(tx, holder.accountId, amount);
    else if (!(await debitHolder(tx, holder.accountId, amount))) {
      throw new Rollback({
        outcome: 'insufficient_points',
        available: await freeBalance(tx, holder.accountId),
      });
    }
    return { outcome: 'adjusted', transferId: row.id, accountId: holder.accountId, replayed: false };
  });
}
