/**
 * Month-end as the coordinator does it: closing a period (its statements, their lines and the
 * settle transfers) and recording that a statement was paid, each with its audit entry in the
 * same transaction. Closing again answers with the same frozen statements and audits nothing.
 */
import type { StaffPrincipal } from '../auth/principal.ts';
import { requireRight } from '../auth/rights.ts';
import { findMerchant } from '../directory/directory.ts';
import { AppError } from '../errors.ts';
import { closeSettlementPeriod } from '../settlement/close.ts';
import { fundingRules, setFunding } from '../settlement/funding.ts';
import { markStatementPaid } from '../settlement/statements.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';
import type { FundingRuleInput } from './inputs.ts';

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

/** Sets who funds a merchant's discounts from a month on (coordinator only, audited). */
export function setMerchantFunding(
  ctx: AppContext,
  actor: StaffPrincipal,
  merchantId: string,
  input: FundingRuleInput,
) {
  requireRight(actor, 'settlement');
  return inTransaction(ctx, async (tx) => {
    if (!(await findMerchant(tx, actor.allianceId, merchantId))) throw new AppError('merchant_not_found');
    const rule = await setFunding(
      tx,
      { ...input, allianceId: actor.allianceId, merchantId, actorId: actor.subjectId },
      ctx.clock,
    );
    await audit(tx, actor, 'merchant.funding', merchantId, {
      fromMonth: rule.fromMonth,
      rule: rule.rule,
      fenPerPoint: rule.fenPerPoint,
      sharePercent: rule.sharePercent,
    });
    return rule;
  });
}

/** A merchant's funding rules, oldest month first. */
export async function merchantFundingRules(ctx: AppContext, actor: StaffPrincipal, merchantId: string) {
  requireRight(actor, 'settlement');
  if (!(await findMerchant(ctx.db, actor.allianceId, merchantId))) throw new AppError('merchant_not_found');
  return fundingRules(ctx.db, { allianceId: actor.allianceId, merchantId });
}
