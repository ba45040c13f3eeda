/**
 * Deductions on the ledger: points taken from a holder's free balance for a deduction rule
 * (`deduct`: holder → issuance), at most what is free — never below zero and never the points an
 * open code holds — and given back whole after an upheld appeal (`restore`: issuance → holder,
 * linked to the deduction it undoes). Each transfer's id is derived by the caller from what it is
 * for, so a retry posts nothing twice.
 */
import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Tx } from '../db/client.ts';
import { transfers } from '../db/schema/index.ts';
import { allianceAccount } from './accounts.ts';
import { creditHolder, debitHolder, freeBalanceForUpdate, postTransfers } from './transfers.ts';

export interface DeductInput {
  allianceId: string;
  /** The holder account: the resident's own or their household's. */
  accountId: string;
  /** The points the rule deducts; what is taken is at most the free balance. */
  points: number;
  reason: string;
  actorId: string;
  transferId: string;
}

/** Takes min(points, free) in the caller's transaction; answers what was taken (0: no transfer). */
export async function deductFree(tx: Tx, input: DeductInput, clock: Clock): Promise<{ taken: number }> {
  const [earlier] = await tx.select().from(transfers).where(eq(transfers.id, input.transferId));
  if (earlier) return { taken: earlier.amount };
  const free = await freeBalanceForUpdate(tx, input.accountId);
  const taken = Math.min(input.points, Math.max(0, free));
  if (taken === 0) return { taken: 0 };
  if (!(await debitHolder(tx, input.accountId, taken))) return { taken: 0 };
  await postTransfers(tx, [
    {
      id: input.transferId,
      allianceId: input.allianceId,
      debitAccountId: input.accountId,
      creditAccountId: await allianceAccount(tx, input.allianceId, 'issuance'),
      amount: taken,
      kind: 'deduct',
      reason: input.reason,
      actorId: input.actorId,
      createdAt: clock.now(),
    },
  ]);
  return { taken };
}

/**
 * Gives a deduction's points back, once, to the holder's account now (a resident who has since
 * joined a household gets them in the household's account, where their points went).
 */
export async function restoreDeducted(
  tx: Tx,
  input: {
    allianceId: string;
    accountId: string;
    deductTransferId: string;
    transferId: string;
    reason: string;
    actorId: string;
  },
  clock: Clock,
): Promise<{ restored: number }> {
  const [earlier] = await tx.select().from(transfers).where(eq(transfers.id, input.transferId));
  if (earlier) return { restored: earlier.amount };
  const [deducted] = await tx.select().from(transfers).where(eq(transfers.id, input.deductTransferId));
  if (!deducted || deducted.kind !== 'deduct') return { restored: 0 };
  await postTransfers(tx, [
    {
      id: input.transferId,
      allianceId: input.allianceId,
      debitAccountId: deducted.creditAccountId,
      creditAccountId: input.accountId,
      amount: deducted.amount,
      kind: 'restore',
      reversesId: deducted.id,
      reason: input.reason,
      actorId: input.actorId,
      createdAt: clock.now(),
    },
  ]);
  await creditHolder(tx, input.accountId, deducted.amount);
  return { restored: deducted.amount };
}
