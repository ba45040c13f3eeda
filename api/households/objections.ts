/**
 * Objections (异议) to a closed sheet. A member of the household objects within the alliance's
 * window (default 5 days after the close), one open objection a sheet at a time; the coordinator
 * decides. Upholding it with a new score changes the sheet and posts one correction (`adjust`)
 * for the difference in points, its id derived from the objection: more points from issuance, or
 * points taken back from the household's free balance (never below zero — what could not be
 * taken is recorded). Rejecting it, or upholding it with the same score, moves nothing.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { residents, scoringSheets, sheetObjections } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { allianceAccount, ensureAccount } from '../ledger/accounts.ts';
import { derivedId } from '../ledger/ids.ts';
import { MAX_POINTS_PER_TRANSFER } from '../ledger/mint.ts';
import { creditHolder, debitHolder, freeBalanceForUpdate, postTransfers } from '../ledger/transfers.ts';
import type { Sheet } from './close.ts';

export type Objection = typeof sheetObjections.$inferSelect;

export const objectionUntil = (sheet: Pick<Sheet, 'closedAt'>, windowDays: number) =>
  new Date(sheet.closedAt.getTime() + windowDays * 86_400_000);

export async function requireSheet(db: Queryable, allianceId: string, id: string): Promise<Sheet> {
  const [row] = await db
    .select()
    .from(scoringSheets)
    .where(and(eq(scoringSheets.id, id), eq(scoringSheets.allianceId, allianceId)));
  if (!row) throw new AppError('sheet_not_found', { detail: 'No such scoring sheet.' });
  return row;
}

export async function fileObjection(
  tx: Tx,
  input: { allianceId: string; sheetId: string; residentId: string; note: string; windowDays: number },
  clock: Clock,
): Promise<Objection> {
  const sheet = await requireSheet(tx, input.allianceId, input.sheetId);
  const [me] = await tx
    .select({ householdId: residents.householdId })
    .from(residents)
    .where(and(eq(residents.id, input.residentId), eq(residents.allianceId, input.allianceId)));
  // Someone else's sheet is not there for them.
  if (me?.householdId !== sheet.householdId)
    throw new AppError('sheet_not_found', { detail: 'No such scoring sheet.' });
  const now = clock.now();
  if (now > objectionUntil(sheet, input.windowDays)) {
    throw new AppError('objection_window_closed', {
      detail: `Objections to this sheet were possible until ${objectionUntil(sheet, input.windowDays).toISOString()}.`,
    });
  }
  const inserted = await tx
    .insert(sheetObjections)
    .values({
      allianceId: input.allianceId,
      sheetId: sheet.id,
      residentId: input.residentId,
      note: input.note.trim(),
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!inserted[0]) {
    throw new AppError('objection_open', { detail: 'An objection to this sheet is waiting for a decision.' });
  }
  return inserted[0];
}

export interface ObjectionDecision {
  allianceId: string;
  sheetId: string;
  objectionId: string;
  deciderId: string;
  uphold: boolean;
  /** The corrected score when upheld. */
  score?: number | undefined;
  reason: string;
}

export async function decideObjection(tx: Tx, input: ObjectionDecision, clock: Clock) {
  const [objection] = await tx
    .select()
    .from(sheetObjections)
    .where(
      and(
        eq(sheetObjections.id, input.objectionId),
        eq(sheetObjections.sheetId, input.sheetId),
        eq(sheetObjections.allianceId, input.allianceId),
      ),
    )
    .for('update');
  if (!objection) throw new AppError('objection_not_found', { detail: 'No such objection to this sheet.' });
  if (objection.state !== 'open') throw new AppError('objection_decided', { detail: 'Already decided.' });
  if (input.uphold && input.score === undefined) {
    throw new AppError('invalid_request', {
      detail: 'Upholding an objection gives the corrected score (score).',
    });
  }
  const [sheet] = await tx
    .select()
    .from(scoringSheets)
    .where(eq(scoringSheets.id, input.sheetId))
    .for('update');
  const before = sheet!.score;
  const after = input.uphold ? input.score! : before;
  const now = clock.now();
  let transferId: string | null = null;
  let moved = 0;
  if (after !== before) {
    // The corrected score keeps the sheet's deductions: what it pays is base + bonus again.
    const pointsAfter = Math.min(
      Math.max(0, after + sheet!.deductions) * sheet!.rate,
      MAX_POINTS_PER_TRANSFER,
    );
    const diff = pointsAfter - sheet!.points;
    if (diff !== 0) {
      const account = await ensureAccount(tx, input.allianceId, 'household', sheet!.householdId);
      const issuance = await allianceAccount(tx, input.allianceId, 'issuance');
      const id = derivedId('scoring-correction', objection.id);
      const amount = diff > 0 ? diff : Math.min(-diff, Math.max(0, await freeBalanceForUpdate(tx, account)));
      if (amount > 0) {
        if (diff < 0 && !(await debitHolder(tx, account, amount))) throw new Error('locked balance changed');
        await postTransfers(tx, [
          {
            id,
            allianceId: input.allianceId,
            debitAccountId: diff > 0 ? issuance : account,
            creditAccountId: diff > 0 ? account : issuance,
            amount,
            kind: 'adjust',
            reason: `${sheet!.month} 评分更正 ${before} → ${after} 分`,
            actorId: input.deciderId,
            createdAt: now,
          },
        ]);
        if (diff > 0) await creditHolder(tx, account, amount);
        transferId = id;
        moved = diff > 0 ? amount : -amount;
      }
    }
    await tx
      .update(scoringSheets)
      .set({ score: after, points: pointsAfter })
      .where(eq(scoringSheets.id, sheet!.id));
  }
  const [decided] = await tx
    .update(sheetObjections)
    .set({
      state: input.uphold ? 'upheld' : 'rejected',
      decidedBy: input.deciderId,
      decidedAt: now,
      reason: input.reason.trim(),
      scoreBefore: before,
      scoreAfter: after,
      transferId,
      correctionPoints: moved,
    })
    .where(eq(sheetObjections.id, objection.id))
    .returning();
  return decided!;
}

export function objectionsOf(db: Queryable, sheetIds: string[]) {
  if (sheetIds.length === 0) return Promise.resolve([] as Objection[]);
  return db
    .select()
    .from(sheetObjections)
    .where(inArray(sheetObjections.sheetId, sheetIds))
    .orderBy(asc(sheetObjections.createdAt));
}

export function openObjections(db: Queryable, allianceId: string) {
  return db
    .select({ objection: sheetObjections, sheet: scoringSheets })
    .from(sheetObjections)
    .innerJoin(scoringSheets, eq(scoringSheets.id, sheetObjections.sheetId))
    .where(and(eq(sheetObjections.allianceId, allianceId), eq(sheetObjections.state, 'open')))
    .orderBy(asc(sheetObjections.createdAt));
}
