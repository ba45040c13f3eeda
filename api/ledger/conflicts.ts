/**
 * Conflicts kept for review: an offline record the ledger could not honour although the
 * merchant already gave the discount — a voucher presented twice (double presentment) or a late
 * capture the resident's free points no longer cover (late shortfall). A coordinator decides who
 * bears the loss: the alliance (its loss fund pays the merchant the points, an `adjust`
 * transfer with the reason and the coordinator) or the merchant (nothing moves).
 * Promises: a conflict is decided once; repeating the same decision changes nothing.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { conflicts, transfers } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { allianceAccount, merchantAccount } from './accounts.ts';
import { derivedId } from './ids.ts';
import type { LossBearer } from './kinds.ts';
import { ledgerTransaction } from './transaction.ts';

export type Conflict = typeof conflicts.$inferSelect;

export async function listConflicts(
  q: Queryable,
  input: { allianceId: string; undecidedOnly?: boolean; merchantId?: string; limit?: number },
): Promise<Conflict[]> {
  return q
    .select()
    .from(conflicts)
    .where(
      and(
        eq(conflicts.allianceId, input.allianceId),
        input.undecidedOnly ? isNull(conflicts.bears) : undefined,
        input.merchantId ? eq(conflicts.merchantId, input.merchantId) : undefined,
      ),
    )
    .orderBy(desc(conflicts.createdAt))
    .limit(Math.min(input.limit ?? 100, 1000));
}

export interface DecideInput {
  allianceId: string;
  conflictId: string;
  bears: LossBearer;
  actorId: string;
  note?: string;
}

export async function decideConflict(
  db: Queryable,
  input: DecideInput,
  clock: Clock,
): Promise<{ outcome: 'decided' | 'replayed'; conflict: Conflict }> {
  const lossFund = await allianceAccount(db, input.allianceId, 'loss_fund');
  return ledgerTransaction(db, async (tx) => {
    const [conflict] = await tx
      .select()
      .from(conflicts)
      .where(and(eq(conflicts.id, input.conflictId), eq(conflicts.allianceId, input.allianceId)))
      .for('update');
    if (!conflict)
      throw new AppError('conflict_not_found', { userMessage: 'No such conflict.', status: 404 });
    if (conflict.bears) {
      if (conflict.bears === input.bears) return { outcome: 'replayed', conflict };
      throw new AppError('conflict_already_decided', {
        message: `conflict ${conflict.id} was decided: ${conflict.bears} bears it`,
        userMessage: 'This conflict has already been decided.',
        status: 409,
      });
    }
    const now = clock.now();
    let transferId: string | null = null;
    if (input.bears === 'alliance') {
      transferId = derivedId('compensate', conflict.id);
      await tx.insert(transfers).values({
        id: transferId,
        allianceId: input.allianceId,
        debitAccountId: lossFund,
        creditAccountId: await merchantAccount(tx, input.allianceId, conflict.merchantId),
        amount: conflict.points,
        kind: 'adjust',
        recordId: conflict.recordId,
        reason: `${conflict.kind} ${conflict.id}: borne by the alliance${input.note ? ` (${input.note})` : ''}`,
        actorId: input.actorId,
        createdAt: now,
      });
    }
    const [decided] = await tx
      .update(conflicts)
      .set({
        bears: input.bears,
        decidedBy: input.actorId,
        decidedAt: now,
        note: input.note ?? null,
        transferId,
      })
      .where(eq(conflicts.id, conflict.id))
      .returning();
    return { outcome: 'decided', conflict: decided! };
  });
}
