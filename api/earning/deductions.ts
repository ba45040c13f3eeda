/**
 * Deductions (扣分) and appeals (申诉). Staff record a deduction under a deduction rule against a
 * resident or a household: it takes points from the free balance only, never below zero and
 * never from points an open code holds, while the whole deduction still counts in the month's
 * score. The resident may appeal once, within the alliance's window; a different reviewer than
 * the one who recorded it decides, finally, and an upheld appeal gives the points back with a
 * transfer linked to the deduction.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { deductions, households, residents } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { ensureAccount, holderAccount } from '../ledger/accounts.ts';
import { deductFree, restoreDeducted } from '../ledger/deduct.ts';
import { derivedId } from '../ledger/ids.ts';
import { attachEvidence } from './evidence.ts';
import { refuseOwnHousehold } from './own-household.ts';
import { ruleByCode } from './rules.ts';

export type Deduction = typeof deductions.$inferSelect;

export interface DeductionInput {
  allianceId: string;
  residentId?: string | undefined;
  householdId?: string | undefined;
  ruleCode: string;
  points?: number | undefined;
  note?: string | undefined;
  evidenceIds?: string[] | undefined;
  actorId: string;
}

export async function recordDeduction(tx: Tx, input: DeductionInput, clock: Clock): Promise<Deduction> {
  if (Boolean(input.residentId) === Boolean(input.householdId)) {
    throw new AppError('invalid_request', { detail: 'Name either residentId or householdId.' });
  }
  const rule = await ruleByCode(tx, input.allianceId, input.ruleCode);
  if (!rule) throw new AppError('rule_not_found', { detail: `No rule has the code ${input.ruleCode}.` });
  if (rule.kind !== 'deduction') {
    throw new AppError('not_a_deduction_rule', { detail: 'Choose a deduction rule.' });
  }
  const points = input.points ?? rule.points!;
  if (!Number.isInteger(points) || points < 1 || points > rule.points!) {
    throw new AppError('points_out_of_range', {
      detail: `Deduct from 1 to ${rule.points} points under this rule.`,
      details: { min: 1, max: rule.points },
    });
  }
  const accountId = input.residentId
    ? (await holderAccount(tx, input.allianceId, input.residentId)).accountId
    : await householdAccount(tx, input.allianceId, input.householdId!);
  const id = randomUUID();
  const { taken } = await deductFree(
    tx,
    {
      allianceId: input.allianceId,
      accountId,
      points,
      reason: rule.titleZh,
      actorId: input.actorId,
      transferId: derivedId('deduct', id),
    },
    clock,
  );
  const [row] = await tx
    .insert(deductions)
    .values({
      id,
      allianceId: input.allianceId,
      residentId: input.residentId ?? null,
      householdId: input.householdId ?? null,
      ruleId: rule.ruleId,
      ruleVersionId: rule.id,
      points,
      takenPoints: taken,
      note: input.note?.trim() || null,
      transferId: taken > 0 ? derivedId('deduct', id) : null,
      createdBy: input.actorId,
      createdAt: clock.now(),
    })
    .returning();
  await attachEvidence(tx, {
    allianceId: input.allianceId,
    uploaderId: input.actorId,
    ids: input.evidenceIds ?? [],
    deductionId: id,
  });
  return row!;
}

async function householdAccount(tx: Tx, allianceId: string, householdId: string): Promise<string> {
  const [household] = await tx
    .select({ id: households.id })
    .from(households)
    .where(and(eq(households.id, householdId), eq(households.allianceId, allianceId)));
  if (!household) throw new AppError('household_not_found');
  return ensureAccount(tx, allianceId, 'household', householdId);
}

/** The deductions a resident sees: their own, and their household's. Newest first. */
export async function deductionsOf(db: Queryable, input: { allianceId: string; residentId: string }) {
  const [me] = await db
    .select({ householdId: residents.householdId })
    .from(residents)
    .where(and(eq(residents.id, input.residentId), eq(residents.allianceId, input.allianceId)));
  return db
    .select()
    .from(deductions)
    .where(
      and(
        eq(deductions.allianceId, input.allianceId),
        me?.householdId
          ? or(eq(deductions.residentId, input.residentId), eq(deductions.householdId, me.householdId))
          : eq(deductions.residentId, input.residentId),
      ),
    )
    .orderBy(desc(deductions.createdAt))
    .limit(100);
}

async function lockDeduction(tx: Tx, allianceId: string, id: string): Promise<Deduction> {
  const [row] = await tx
    .select()
    .from(deductions)
    .where(and(eq(deductions.id, id), eq(deductions.allianceId, allianceId)))
    .for('update');
  if (!row) throw new AppError('deduction_not_found');
  return row;
}

/** The end of a deduction's appeal window. */
export const appealUntil = (deduction: Pick<Deduction, 'createdAt'>, windowDays: number): Date =>
  new Date(deduction.createdAt.getTime() + windowDays * 86_400_000);

export async function appealDeduction(
  tx: Tx,
  input: {
    allianceId: string;
    deductionId: string;
    residentId: string;
    note?: string | undefined;
    windowDays: number;
  },
  clock: Clock,
): Promise<Deduction> {
  const row = await lockDeduction(tx, input.allianceId, input.deductionId);
  const mine = (await deductionsOf(tx, input)).some((d) => d.id === row.id);
  if (!mine) throw new AppError('deduction_not_found');
  if (row.appeal !== 'none')
    throw new AppError('appeal_already', { detail: 'This deduction was appealed already.' });
  const now = clock.now();
  if (now > appealUntil(row, input.windowDays)) {
    throw new AppError('appeal_window_closed', {
      detail: `Appeals are taken within ${input.windowDays} days.`,
      details: { windowDays: input.windowDays },
    });
  }
  const [updated] = await tx
    .update(deductions)
    .set({ appeal: 'appealed', appealNote: input.note?.trim() || null, appealedAt: now })
    .where(eq(deductions.id, row.id))
    .returning();
  return updated!;
}

/** A reviewer other than the one who recorded it decides the appeal; upheld gives the points back. */
export async function decideAppeal(
  tx: Tx,
  input: {
    allianceId: string;
    deductionId: string;
    reviewerId: string;
    uphold: boolean;
    reason?: string | undefined;
  },
  clock: Clock,
): Promise<Deduction> {
  const row = await lockDeduction(tx, input.allianceId, input.deductionId);
  if (row.appeal !== 'appealed') {
    throw new AppError('appeal_not_open', { detail: 'There is no appeal waiting on this deduction.' });
  }
  if (row.createdBy === input.reviewerId) {
    throw new AppError('second_reviewer_required', {
      detail: 'The one who recorded the deduction cannot decide its appeal.',
    });
  }
  await refuseOwnHousehold(tx, input.reviewerId, row);
  const reason = input.reason?.trim();
  if (!reason) throw new AppError('reason_required', { detail: 'Say why, in words the resident will read.' });
  let appealTransferId: string | null = null;
  if (input.uphold && row.transferId) {
    const accountId = row.residentId
      ? (await holderAccount(tx, input.allianceId, row.residentId)).accountId
      : await householdAccount(tx, input.allianceId, row.householdId!);
    appealTransferId = derivedId('restore', row.id);
    await restoreDeducted(
      tx,
      {
        allianceId: input.allianceId,
        accountId,
        deductTransferId: row.transferId,
        transferId: appealTransferId,
        reason,
        actorId: input.reviewerId,
      },
      clock,
    );
  }
  const [updated] = await tx
    .update(deductions)
    .set({
      appeal: input.uphold ? 'upheld' : 'rejected',
      appealDecidedBy: input.reviewerId,
      appealDecidedAt: clock.now(),
      appealReason: reason,
      appealTransferId,
    })
    .where(eq(deductions.id, row.id))
    .returning();
  return updated!;
}

/** Appeals waiting for a reviewer, oldest first. */
export function openAppeals(db: Queryable, allianceId: string) {
  return db
    .select()
    .from(deductions)
    .where(and(eq(deductions.allianceId, allianceId), inArray(deductions.appeal, ['appealed'])))
    .orderBy(deductions.appealedAt)
    .limit(200);
}
