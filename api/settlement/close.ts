/**
 * Closing a settlement period. In one transaction, under the period row's lock, it freezes a
 * statement per merchant — redemptions, points captured, reversed and adjusted, bill and
 * discount totals in fen, the amount due by the merchant's funding rule in force that month
 * (funding.ts: borne by the merchant, net points × fen per point, or a share of the discount;
 * the alliance's rate per point when the merchant has none; captures of an offer with its own
 * funding rule follow that rule instead), conflicts and limit breaches — records which transfers
 * each statement took (a transfer is settled at most once), and moves each merchant's net
 * points to the settlement account.
 * Promises: atomic; idempotent (closing a closed period returns its statements unchanged);
 * a statement takes every merchant transfer posted before the period's end that no earlier
 * statement took, so a capture committed after a close lands in the next (open) period and
 * closed books never change; periods close in order.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import {
  alliances,
  merchants,
  type OfferFundingLine,
  settlementPeriods,
  settlementStatements,
  transfers,
} from '../db/schema/index.ts';
import type { FundingRule } from '../db/schema/kinds.ts';
import { AppError } from '../errors.ts';
import { allianceAccount } from '../ledger/accounts.ts';
import { derivedId } from '../ledger/ids.ts';
import { ledgerTransaction } from '../ledger/transaction.ts';
import { type PeriodBounds, periodContaining, periodOfMonth } from '../local-time.ts';
import { type Progress, progressSteps } from '../progress.ts';
import { allianceDefault, amountDue, type Funding, fundingInMonth } from './funding.ts';
import { ensurePeriod, type SettlementPeriod } from './periods.ts';

export type Statement = typeof settlementStatements.$inferSelect;

export interface CloseInput {
  allianceId: string;
  /** "YYYY-MM": the period holding this month. */
  month?: string;
  periodId?: string;
  actorId: string;
}

export interface CloseResult {
  outcome: 'closed' | 'already_closed';
  period: SettlementPeriod;
  statements: Statement[];
}

interface MerchantTotals {
  merchant_id: string;
  account_id: string;
  redemptions: string | number;
  captured: string | number;
  reversed: string | number;
  adjusted_in: string | number;
  adjusted_out: string | number;
  bill_fen: string | number;
  discount_fen: string | number;
  limit_breaches: string | number;
}

/**
 * Merchant transfers not yet in any statement and posted before `before` (settle excluded), each
 * with its merchant, the merchant's account and its sign for the merchant (+1 credit, −1 debit).
 * Two equi-joins rather than one join on "either side is a merchant account", which PostgreSQL
 * can only answer by comparing every transfer with every account.
 */
const unsettled = (allianceId: string, before: Date) => {
  const side = (column: string, sign: number) => sql`
    select t.*, a.owner_id as merchant_id, a.id as account_id, ${sql.raw(String(sign))} as sign
    from transfers t
    join ledger_accounts a on a.id = t.${sql.raw(column)} and a.kind = 'merchant'
    where t.alliance_id = ${allianceId} and t.kind <> 'settle'
      and t.created_at < ${before.toISOString()}::timestamptz
      and not exists (select 1 from statement_lines l where l.transfer_id = t.id)`;
  return sql`${side('credit_account_id', 1)} union all ${side('debit_account_id', -1)}`;
};

export async function closeSettlementPeriod(
  db: Queryable,
  input: CloseInput,
  clock: Clock,
  /** Told as each step of the close starts (the CLI shows it on a terminal). */
  onProgress?: Progress,
): Promise<CloseResult> {
  const [alliance] = await db.select().from(alliances).where(eq(alliances.id, input.allianceId));
  if (!alliance) throw new AppError('alliance_not_found', { detail: 'No such alliance.' });
  const bounds = await resolveBounds(db, alliance, input);
  const now = clock.now();
  if (now < bounds.endsAt) {
    throw new AppError('period_not_over', {
      message: `period ${bounds.label} ends at ${bounds.endsAt.toISOString()}`,
      detail: `Period ${bounds.label} has not ended yet.`,
    });
  }
  const period = await ensurePeriod(db, input.allianceId, bounds);
  const settlement = await allianceAccount(db, input.allianceId, 'settlement');

  return ledgerTransaction(db, async (tx) => {
    const [locked] = await tx
      .select()
      .from(settlementPeriods)
      .where(eq(settlementPeriods.id, period.id))
      .for('update');
    if (locked!.state === 'closed') {
      return { outcome: 'already_closed', period: locked!, statements: await statementsOf(tx, locked!.id) };
    }
    const steps = progressSteps(CLOSE_STEPS, onProgress);
    steps.next('earlier periods');
    const [oldest] = await rows<{ created_at: string | Date }>(
      tx,
      sql`select min(u.created_at) as created_at from (${unsettled(input.allianceId, bounds.startsAt)}) u`,
    );
    if (oldest?.created_at) {
      const earlier = periodContaining(alliance, new Date(oldest.created_at));
      const [row] = await tx
        .select()
        .from(settlementPeriods)
        .where(
          and(
            eq(settlementPeriods.allianceId, input.allianceId),
            eq(settlementPeriods.startsAt, earlier.startsAt),
          ),
        );
      if (row?.state !== 'closed') {
        throw new AppError('earlier_period_open', {
          message: `period ${earlier.label} has unsettled transfers and is not closed`,
          detail: `Close period ${earlier.label} first.`,
        });
      }
    }
    // Every merchant account's statement id is known before the totals (it is derived from the
    // period and the merchant), so one pass over the unsettled transfers both files each into its
    // statement's lines — through a JSON map from account to statement, which no plan can turn
    // into a rescan per merchant — and sums them.
    steps.next('filing and summing the transfers');
    const merchantAccounts = await rows<{ id: string; owner_id: string }>(
      tx,
      sql`select id, owner_id from ledger_accounts where alliance_id = ${input.allianceId} and kind = 'merchant'`,
    );
    const statementOfAccount = JSON.stringify(
      Object.fromEntries(merchantAccounts.map((a) => [a.id, derivedId('statement', period.id, a.owner_id)])),
    );
    const totals = await rows<MerchantTotals>(
      tx,
      sql`with u as materialized (${unsettled(input.allianceId, bounds.endsAt)}),
          filed as (
            insert into statement_lines (transfer_id, statement_id, alliance_id)
            select u.id, (${statementOfAccount}::jsonb ->> u.account_id::text)::uuid, ${input.allianceId} from u
            order by u.id -- in key order: the index takes 200,000 rows far faster than in random order
          )
          select u.merchant_id, u.account_id,
            count(*) filter (where u.kind = 'capture') as redemptions,
            coalesce(sum(u.amount) filter (where u.kind = 'capture'), 0) as captured,
            coalesce(sum(u.amount) filter (where u.kind = 'reverse'), 0) as reversed,
            coalesce(sum(u.amount) filter (where u.kind not in ('capture', 'reverse') and u.sign = 1), 0) as adjusted_in,
            coalesce(sum(u.amount) filter (where u.kind not in ('capture', 'reverse') and u.sign = -1), 0) as adjusted_out,
            coalesce(sum(case when u.kind = 'capture' then r.bill_fen when u.kind = 'reverse' then -r.bill_fen end), 0) as bill_fen,
            coalesce(sum(case when u.kind = 'capture' then r.discount_fen when u.kind = 'reverse' then -r.discount_fen end), 0) as discount_fen,
            count(*) filter (where u.kind = 'capture' and r.limit_breach is not null) as limit_breaches
          from u
          left join redemptions r on r.id = u.record_id
          group by u.merchant_id, u.account_id`,
    );
    steps.next('conflicts');
    const conflictCounts = await rows<{ merchant_id: string; n: string | number }>(
      tx,
      sql`select merchant_id, count(*) as n from conflicts
          where alliance_id = ${input.allianceId} and created_at >= ${bounds.startsAt.toISOString()}::timestamptz
            and created_at < ${bounds.endsAt.toISOString()}::timestamptz
          group by merchant_id`,
    );
    const conflictsOf = new Map(conflictCounts.map((c) => [c.merchant_id, Number(c.n)]));
    const byMerchant = new Map(totals.map((t) => [t.merchant_id, t]));
    for (const merchantId of conflictsOf.keys()) {
      if (!byMerchant.has(merchantId)) byMerchant.set(merchantId, emptyTotals(merchantId));
    }
    // Captures (less reversals) of offers with their own funding rule, per merchant and offer:
    // those rules fund them, the merchant's rule funds the rest.
    steps.next('offers with their own funding');
    const offerParts = await rows<OfferPart>(
      tx,
      sql`select r.merchant_id, o.id as offer_id, o.code, o.funding_rule, o.funding_fen_per_point,
            o.funding_share_percent,
            sum(case when t.kind = 'capture' then t.amount else -t.amount end) as points,
            sum(case when t.kind = 'capture' then r.discount_fen else -r.discount_fen end) as discount_fen
          from statement_lines l
          join transfers t on t.id = l.transfer_id and t.kind in ('capture', 'reverse')
          join redemptions r on r.id = t.record_id
          join offers o on o.merchant_id = r.merchant_id and o.code = r.offer_id and o.funding_rule is not null
          where l.statement_id in (select value::uuid from jsonb_each_text(${statementOfAccount}::jsonb))
          group by r.merchant_id, o.id, o.code, o.funding_rule, o.funding_fen_per_point, o.funding_share_percent
          order by r.merchant_id, o.code`,
    );
    const offerLinesOf = new Map<string, OfferFundingLine[]>();
    for (const part of offerParts) {
      const funding: Funding = {
        rule: part.funding_rule,
        fenPerPoint: part.funding_rule === 'per_point' ? Number(part.funding_fen_per_point ?? 0) : 0,
        sharePercent: part.funding_rule === 'share' ? Number(part.funding_share_percent ?? 0) : null,
      };
      const points = Number(part.points);
      const discountFen = Number(part.discount_fen);
      const list = offerLinesOf.get(part.merchant_id) ?? [];
      list.push({
        offerId: part.offer_id,
        code: part.code,
        rule: funding.rule,
        fenPerPoint: funding.fenPerPoint,
        sharePercent: funding.sharePercent,
        points,
        discountFen,
        dueFen: amountDue(funding, { netPoints: points, discountFen }),
      });
      offerLinesOf.set(part.merchant_id, list);
    }
    steps.next('funding rules and merchants');
    const rate = alliance.rateFenPerPoint;
    const funded = await fundingInMonth(tx, input.allianceId, bounds.label.split('..').at(-1)!);
    const named = await tx
      .select({ id: merchants.id, name: merchants.name, number: merchants.number })
      .from(merchants)
      .where(eq(merchants.allianceId, input.allianceId));
    const merchantById = new Map(named.map((m) => [m.id, m]));
    const merchantsInOrder = [...byMerchant.values()].sort((a, b) =>
      a.merchant_id < b.merchant_id ? -1 : 1,
    );
    const statements = merchantsInOrder.map((t) => {
      const pointsAdjusted = Number(t.adjusted_in) - Number(t.adjusted_out);
      const netPoints = Number(t.captured) - Number(t.reversed) + pointsAdjusted;
      const discountFen = Number(t.discount_fen);
      const funding = funded.get(t.merchant_id) ?? allianceDefault(rate);
      const offerFunding = offerLinesOf.get(t.merchant_id) ?? [];
      const offerPoints = offerFunding.reduce((sum, o) => sum + o.points, 0);
      const offerDiscountFen = offerFunding.reduce((sum, o) => sum + o.discountFen, 0);
      const offerDueFen = offerFunding.reduce((sum, o) => sum + o.dueFen, 0);
      return {
        id: derivedId('statement', period.id, t.merchant_id),
        allianceId: input.allianceId,
        periodId: period.id,
        merchantId: t.merchant_id,
        merchantName: merchantById.get(t.merchant_id)?.name ?? '',
        merchantNumber: merchantById.get(t.merchant_id)?.number ?? 0,
        redemptions: Number(t.redemptions),
        pointsCaptured: Number(t.captured),
        pointsReversed: Number(t.reversed),
        pointsAdjusted,
        netPoints,
        billFen: Number(t.bill_fen),
        discountFen,
        rateFenPerPoint: funding.fenPerPoint,
        fundingRule: funding.rule,
        fundingSharePercent: funding.sharePercent,
        reimbursementFen:
          offerDueFen +
          amountDue(funding, {
            netPoints: netPoints - offerPoints,
            discountFen: discountFen - offerDiscountFen,
          }),
        offerPoints,
        offerDiscountFen,
        offerDueFen,
        offerFunding,
        conflicts: conflictsOf.get(t.merchant_id) ?? 0,
        limitBreaches: Number(t.limit_breaches),
        createdAt: now,
      };
    });
    // Set-based, so a town of hundreds of merchants closes in a few statements, not a few per merchant.
    steps.next('statements');
    for (const batch of chunks(statements, 500)) await tx.insert(settlementStatements).values(batch);
    const withAccount = merchantsInOrder
      .map((t, i) => ({ accountId: t.account_id, statement: statements[i]! }))
      .filter((m) => m.accountId);
    const settles = withAccount
      .filter((m) => m.statement.netPoints !== 0)
      .map(({ accountId, statement }) => ({
        id: derivedId('settle', statement.id),
        allianceId: input.allianceId,
        debitAccountId: statement.netPoints > 0 ? accountId : settlement,
        creditAccountId: statement.netPoints > 0 ? settlement : accountId,
        amount: Math.abs(statement.netPoints),
        kind: 'settle' as const,
        reason: `statement ${bounds.label}`,
        actorId: input.actorId,
        createdAt: now,
      }));
    steps.next('settle transfers');
    for (const batch of chunks(settles, 500)) await tx.insert(transfers).values(batch);
    steps.finish('settle transfers');
    const [closed] = await tx
      .update(settlementPeriods)
      .set({ state: 'closed', closedAt: now, closedBy: input.actorId, rateFenPerPoint: rate })
      .where(eq(settlementPeriods.id, period.id))
      .returning();
    return { outcome: 'closed', period: closed!, statements: await statementsOf(tx, period.id) };
  });
}

/** The steps of a close, for its progress. */
const CLOSE_STEPS = 7;

interface OfferPart {
  merchant_id: string;
  offer_id: string;
  code: string;
  funding_rule: FundingRule;
  funding_fen_per_point: number | null;
  funding_share_percent: number | null;
  points: string | number;
  discount_fen: string | number;
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const emptyTotals = (merchantId: string): MerchantTotals => ({
  merchant_id: merchantId,
  account_id: '',
  redemptions: 0,
  captured: 0,
  reversed: 0,
  adjusted_in: 0,
  adjusted_out: 0,
  bill_fen: 0,
  discount_fen: 0,
  limit_breaches: 0,
});

async function resolveBounds(
  db: Queryable,
  alliance: { timezone: string; periodMonths: number },
  input: CloseInput,
): Promise<PeriodBounds> {
  if (input.periodId) {
    const [row] = await db
      .select()
      .from(settlementPeriods)
      .where(
        and(eq(settlementPeriods.id, input.periodId), eq(settlementPeriods.allianceId, input.allianceId)),
      );
    if (!row) throw new AppError('period_not_found', { detail: 'No such settlement period.' });
    return row;
  }
  if (!input.month) throw new AppError('invalid_month', { detail: 'Say which month to close (YYYY-MM).' });
  return periodOfMonth(alliance, input.month);
}

export function statementsOf(q: Queryable, periodId: string): Promise<Statement[]> {
  return q
    .select()
    .from(settlementStatements)
    .where(eq(settlementStatements.periodId, periodId))
    .orderBy(asc(settlementStatements.merchantId));
}
