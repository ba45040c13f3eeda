/**
 * Who funds a merchant's discounts, from a month on: the merchant itself (the 德商联盟 way:
 * nothing is due), the alliance at a number of fen per point, or the alliance for a share of
 * the discount. A merchant with no rule is reimbursed at the alliance's rate per point (which
 * may be 0). Rules for a month already closed cannot change: closed books never move.
 * Promises: the amount due is an integer number of fen; a share is rounded half up, once per
 * statement.
 */
import { and, asc, desc, eq, lte } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { merchantFunding, settlementPeriods } from '../db/schema/index.ts';
import type { FundingRule } from '../db/schema/kinds.ts';
import { AppError } from '../errors.ts';

export interface Funding {
  rule: FundingRule;
  /** per_point: fen per point; 0 otherwise. */
  fenPerPoint: number;
  /** share: percent of the discount; null otherwise. */
  sharePercent: number | null;
}

export interface FundingInput {
  rule: FundingRule;
  fenPerPoint?: number | undefined;
  sharePercent?: number | undefined;
}

/** Every rule of a merchant, oldest month first. */
export function fundingRules(db: Queryable, input: { allianceId: string; merchantId: string }) {
  return db
    .select()
    .from(merchantFunding)
    .where(
      and(eq(merchantFunding.allianceId, input.allianceId), eq(merchantFunding.merchantId, input.merchantId)),
    )
    .orderBy(asc(merchantFunding.fromMonth));
}

/** The rules in force in a month for every merchant that has one, by merchant id. */
export async function fundingInMonth(
  db: Queryable,
  allianceId: string,
  month: string,
): Promise<Map<string, Funding>> {
  const rows = await db
    .select()
    .from(merchantFunding)
    .where(and(eq(merchantFunding.allianceId, allianceId), lte(merchantFunding.fromMonth, month)))
    .orderBy(asc(merchantFunding.merchantId), desc(merchantFunding.fromMonth));
  const byMerchant = new Map<string, Funding>();
  for (const row of rows) {
    if (byMerchant.has(row.merchantId)) continue;
    byMerchant.set(row.merchantId, {
      rule: row.rule,
      fenPerPoint: row.rule === 'per_point' ? (row.fenPerPoint ?? 0) : 0,
      sharePercent: row.rule === 'share' ? row.sharePercent : null,
    });
  }
  return byMerchant;
}

/** The alliance's default: reimbursed at its rate per point. */
export const allianceDefault = (rateFenPerPoint: number): Funding => ({
  rule: 'per_point',
  fenPerPoint: rateFenPerPoint,
  sharePercent: null,
});

/** What the alliance owes a merchant for a month: points × fen, a share of the discount, or nothing. */
export function amountDue(funding: Funding, totals: { netPoints: number; discountFen: number }): number {
  switch (funding.rule) {
    case 'merchant':
      return 0;
    case 'per_point':
      return totals.netPoints * funding.fenPerPoint;
    case 'share': {
      const share = funding.sharePercent ?? 0;
      // Rounded half up (away from zero for a negative month), in integers: no float on money.
      const sign = totals.discountFen < 0 ? -1 : 1;
      return sign * Math.floor((Math.abs(totals.discountFen) * share + 50) / 100);
    }
  }
}

/** The rule checked for what it needs: a rate for per_point, a percent for share, nothing else. */
export function checkedFunding(input: FundingInput): Funding {
  if (input.rule === 'per_point') {
    if (
      input.fenPerPoint === undefined ||
      !Number.isInteger(input.fenPerPoint) ||
      input.fenPerPoint < 0 ||
      input.fenPerPoint > 10_000
    ) {
      throw new AppError('invalid_funding', {
        detail: 'per_point needs fenPerPoint: a whole number of fen, 0 to 10000.',
      });
    }
    return { rule: 'per_point', fenPerPoint: input.fenPerPoint, sharePercent: null };
  }
  if (input.rule === 'share') {
    if (
      input.sharePercent === undefined ||
      !Number.isInteger(input.sharePercent) ||
      input.sharePercent < 1 ||
      input.sharePercent > 100
    ) {
      throw new AppError('invalid_funding', {
        detail: 'share needs sharePercent: a whole percent, 1 to 100.',
      });
    }
    return { rule: 'share', fenPerPoint: 0, sharePercent: input.sharePercent };
  }
  return { rule: 'merchant', fenPerPoint: 0, sharePercent: null };
}

/**
 * Sets (or replaces) the rule from a month on. Refused for a month whose period is closed: a
 * closed statement was computed with the rule then in force.
 */
export async function setFunding(
  db: Queryable,
  input: { allianceId: string; merchantId: string; fromMonth: string; actorId: string } & FundingInput,
  clock: Clock,
) {
  const funding = checkedFunding(input);
  const [closed] = await db
    .select({ label: settlementPeriods.label })
    .from(settlementPeriods)
    .where(and(eq(settlementPeriods.allianceId, input.allianceId), eq(settlementPeriods.state, 'closed')))
    // Periods close in order: the latest closed one says how far the books are shut.
    .orderBy(desc(settlementPeriods.startsAt))
    .limit(1);
  if (closed && lastMonthOf(closed.label) >= input.fromMonth) {
    throw new AppError('funding_month_closed', {
      detail: `Period ${closed.label} is closed; set the rule from a later month.`,
      details: { closedThrough: lastMonthOf(closed.label) },
    });
  }
  const values = {
    allianceId: input.allianceId,
    merchantId: input.merchantId,
    fromMonth: input.fromMonth,
    rule: funding.rule,
    fenPerPoint: funding.rule === 'per_point' ? funding.fenPerPoint : null,
    sharePercent: funding.sharePercent,
    createdAt: clock.now(),
    createdBy: input.actorId,
  };
  const [row] = await db
    .insert(merchantFunding)
    .values(values)
    .onConflictDoUpdate({
      target: [merchantFunding.merchantId, merchantFunding.fromMonth],
      set: {
        rule: values.rule,
        fenPerPoint: values.fenPerPoint,
        sharePercent: values.sharePercent,
        createdAt: values.createdAt,
        createdBy: values.createdBy,
      },
    })
    .returning();
  return row!;
}

/** Monthly periods are labelled "YYYY-MM"; longer ones "YYYY-MM..YYYY-MM". */
const lastMonthOf = (label: string): string => label.split('..').at(-1)!;
