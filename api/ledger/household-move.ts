/**
 * A resident joining a household brings their own free points into the household's shared
 * account: one `move` transfer. Refused while the resident has a code open on their own account,
 * so no voucher is left pointing at an account that no longer holds the points. Leaving or
 * changing household moves nothing: the points stay with the household they were earned into.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { holds } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { ensureAccount } from './accounts.ts';
import { creditHolder, debitHolder, freeBalanceForUpdate, postTransfers } from './transfers.ts';

export interface HouseholdMove {
  allianceId: string;
  from: string;
  to: string;
  /** Chosen before the first attempt, so a retried transaction reuses it. */
  transferId: string;
}

/** The accounts a move runs between, made outside the ledger transaction (ensureAccount's rule). */
export async function planHouseholdMove(
  db: Queryable,
  input: { allianceId: string; residentId: string; householdId: string },
): Promise<HouseholdMove> {
  return {
    allianceId: input.allianceId,
    from: await ensureAccount(db, input.allianceId, 'resident', input.residentId),
    to: await ensureAccount(db, input.allianceId, 'household', input.householdId),
    transferId: randomUUID(),
  };
}

/** Moves the free points; returns how many moved. */
export async function moveIntoHousehold(
  tx: Tx,
  move: HouseholdMove,
  actorId: string,
  clock: Clock,
): Promise<number> {
  const [open] = await tx
    .select({ n: sql<number>`count(*)` })
    .from(holds)
    .where(and(eq(holds.accountId, move.from), eq(holds.state, 'open')));
  if (Number(open?.n ?? 0) > 0) {
    throw new AppError('vouchers_open', {
      detail: 'This resident has a points code open. Try again when it has been used or has expired.',
    });
  }
  const points = await freeBalanceForUpdate(tx, move.from);
  if (points === 0) return 0;
  await postTransfers(tx, [
    {
      id: move.transferId,
      allianceId: move.allianceId,
      debitAccountId: move.from,
      creditAccountId: move.to,
      amount: points,
      kind: 'move',
      reason: 'joined a household',
      actorId,
      createdAt: clock.now(),
    },
  ]);
  if (!(await debitHolder(tx, move.from, points))) throw new Error('locked balance changed');
  await creditHolder(tx, move.to, points);
  return points;
}
