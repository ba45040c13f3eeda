/**
 * Reading closed statements and recording their payment. A statement never changes once its
 * period closed (the database refuses it); the one thing recorded later is that the alliance
 * paid it, once, with the bank or cash reference.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { settlementPeriods, settlementStatements } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { ledgerTransaction } from '../ledger/transaction.ts';
import type { Statement } from './close.ts';

export type { Statement };

export async function listPeriods(q: Queryable, allianceId: string) {
  return q
    .select()
    .from(settlementPeriods)
    .where(eq(settlementPeriods.allianceId, allianceId))
    .orderBy(desc(settlementPeriods.startsAt));
}

export interface StatementRow extends Statement {
  periodLabel: string;
}

export async function listStatements(
  q: Queryable,
  input: { allianceId: string; periodId?: string; merchantId?: string; statementId?: string },
): Promise<StatementRow[]> {
  const found = await q
    .select({
      s: settlementStatements,
      periodLabel: settlementPeriods.label,
    })
    .from(settlementStatements)
    .innerJoin(settlementPeriods, eq(settlementPeriods.id, settlementStatements.periodId))
    .where(
      and(
        eq(settlementStatements.allianceId, input.allianceId),
        input.periodId ? eq(settlementStatements.periodId, input.periodId) : undefined,
        input.merchantId ? eq(settlementStatements.merchantId, input.merchantId) : undefined,
        input.statementId ? eq(settlementStatements.id, input.statementId) : undefined,
      ),
    )
    .orderBy(desc(settlementPeriods.startsAt), settlementStatements.merchantNumber);
  return found.map((r) => ({ ...r.s, periodLabel: r.periodLabel }));
}

/** A merchant's statements with their periods, newest first (the merchant's own view). */
export async function merchantStatements(q: Queryable, input: { allianceId: string; merchantId: string }) {
  const statements = await listStatements(q, input);
  const periods = await listPeriods(q, input.allianceId);
  const periodById = new Map(periods.map((p) => [p.id, p]));
  return statements.map((statement) => ({ statement, period: periodById.get(statement.periodId)! }));
}

export async function markStatementPaid(
  db: Queryable,
  input: { allianceId: string; statementId: string; reference: string; actorId: string },
  clock: Clock,
): Promise<{ outcome: 'paid' | 'already_paid'; statement: Statement }> {
  const reference = input.reference.trim();
  if (!reference) throw new AppError('reference_required', { detail: 'Give the payment reference.' });
  return ledgerTransaction(db, async (tx) => {
    const [statement] = await tx
      .select()
      .from(settlementStatements)
      .where(
        and(
          eq(settlementStatements.id, input.statementId),
          eq(settlementStatements.allianceId, input.allianceId),
        ),
      )
      .for('update');
    if (!statement) throw new AppError('statement_not_found', { detail: 'No such statement.' });
    if (statement.paidAt) {
      if (statement.paidReference === reference) return { outcome: 'already_paid', statement };
      throw new AppError('statement_already_paid', {
        message: `statement ${statement.id} was paid with reference ${statement.paidReference}`,
        detail: 'This statement was already marked paid with another reference.',
      });
    }
    const [paid] = await tx
      .update(settlementStatements)
      .set({ paidAt: clock.now(), paidReference: reference, paidBy: input.actorId })
      .where(eq(settlementStatements.id, statement.id))
      .returning();
    return { outcome: 'paid', statement: paid! };
  });
}

const CSV_COLUMNS: [string, (s: StatementRow) => string | number][] = [
  ['period', (s) => s.periodLabel],
  ['merchant_number', (s) => s.merchantNumber],
  ['merchant', (s) => s.merchantName],
  ['redemptions', (s) => s.redemptions],
  ['points_captured', (s) => s.pointsCaptured],
  ['points_reversed', (s) => s.pointsReversed],
  ['points_adjusted', (s) => s.pointsAdjusted],
  ['net_points', (s) => s.netPoints],
  ['bill_fen', (s) => s.billFen],
  ['discount_fen', (s) => s.discountFen],
  ['rate_fen_per_point', (s) => s.rateFenPerPoint],
  ['reimbursement_fen', (s) => s.reimbursementFen],
  ['conflicts', (s) => s.conflicts],
  ['limit_breaches', (s) => s.limitBreaches],
  ['paid_at', (s) => s.paidAt?.toISOString() ?? ''],
  ['paid_reference', (s) => s.paidReference ?? ''],
  ['funding_rule', (s) => s.fundingRule],
  ['funding_share_percent', (s) => s.fundingSharePercent ?? ''],
];

/** One CSV cell: quoted when it must be, and a name that starts like a formula is defused. */
export const csvCell = (v: string | number) => {
  const s = String(v);
  // Quote what needs it, and defuse spreadsheet formulas in names.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The statements as CSV (UTF-8, header row, CRLF), for the coordinator's spreadsheet. */
export function statementsCsv(statements: StatementRow[]): string {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const s of statements) lines.push(CSV_COLUMNS.map(([, get]) => csvCell(get(s))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A CSV file for someone's disk: its name and its text (CRLF lines). */
export interface CsvFile {
  filename: string;
  text: string;
}

/** The month's statements as a file. */
export const statementsCsvFile = (statements: StatementRow[], label: string): CsvFile => ({
  filename: `statements-${label}.csv`,
  text: statementsCsv(statements),
});
