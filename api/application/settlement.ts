/**
 * Month-end as the coordinator does it: closing a period (its statements, their lines and the
 * settle transfers) and recording that a statement was paid, each with its audit entry in the
 * same transaction. Closing again answers with the same frozen statements and audits nothing.
 */
import type { StaffPrincipal } from '../auth/principal.ts';
import { requireRight } from '../auth/rights.ts';
import { closeSettlementPeriod } from '../settlement/close.ts';
import { markStatementPaid } from '../settlement/statements.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';

/** Closes the period holding `month` ("YYYY-MM"). */
export function closeMonth(ctx: AppContext, actor: StaffPrincipal, month: string) {
  requireRight(actor, 'settlement');
  return inTransaction(ctx, async (tx) => {
    const closed = await closeSettlementPeriod(
      tx,
      { allianceId: actor.allianceId, month, actorId: actor.subjectId },
      ctx.clock,
    );
    if (closed.outcome === 'closed') {
      await audit(tx, actor, 'settlement.close', closed.period.id, { label: closed.period.label });
    }
    return closed;
  });
}

export function markPaid(ctx: AppContext, actor: StaffPrincipal, statementId: string, reference: string) {
  requireRight(actor, 'settlement');
  return inTransaction(ctx, async (tx) => {
    const paid = await markStatementPaid(
      tx,
      { allianceId: actor.allianceId, statementId, reference, actorId: actor.subjectId },
      ctx.clock,
    );
    if (paid.outcome === 'paid') await audit(tx, actor, 'settlement.paid', statementId, { reference });
    return paid;
  });
}
