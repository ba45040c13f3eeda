/**
 * Deciding a conflict (a voucher presented twice offline, a late capture the balance could not
 * cover): who bears the loss, final, with its audit entry in the same transaction.
 */
import type { StaffPrincipal } from '../auth/principal.ts';
import { requireRight } from '../auth/rights.ts';
import type { LossBearer } from '../db/schema/kinds.ts';
import { decideConflict } from '../ledger/conflicts.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';

export function decide(
  ctx: AppContext,
  actor: StaffPrincipal,
  conflictId: string,
  input: { bears: LossBearer; note?: string | undefined },
) {
  requireRight(actor, 'conflicts');
  return inTransaction(ctx, async (tx) => {
    const decided = await decideConflict(
      tx,
      {
        allianceId: actor.allianceId,
        conflictId,
        bears: input.bears,
        actorId: actor.subjectId,
        ...(input.note ? { note: input.note } : {}),
      },
      ctx.clock,
    );
    if (decided.outcome === 'decided')
      await audit(tx, actor, 'conflict.decide', conflictId, { bears: input.bears });
    return decided;
  });
}
