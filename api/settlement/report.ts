/**
 * A closed statement line by line: every transfer the statement took (captures, reversals,
 * adjustments such as a conflict the alliance bore), with the redemption record behind it, and
 * the same as a CSV for the merchant's own books. The lines add up to the statement: the sum of
 * `points` is its net points, and bill and discount fen sum as the close summed them.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { formatLocal } from './periods.ts';
import { csvCell, type StatementRow } from './statements.ts';

export interface StatementLine {
  transferId: string;
  /** capture, reverse, or adjust. */
  kind: string;
  /** When the ledger posted it (the line's time in the statement). */
  createdAt: Date;
  recordId: string | null;
  /** The merchant device that scanned it; null for a POS or for an adjustment. */
  deviceId: string | null;
  offerId: string | null;
  scannedAt: Date | null;
  /** Signed: positive is owed to the merchant, negative taken back (a reversal). */
  points: number;
  billFen: number;
  discountFen: number;
  reason: string | null;
}

interface LineRow {
  id: string;
  kind: string;
  created_at: string | Date;
  record_id: string | null;
  device_id: string | null;
  offer_id: string | null;
  scanned_at: string | Date | null;
  points: string | number;
  bill_fen: string | number;
  discount_fen: string | number;
  reason: string | null;
}

export async function statementLines(
  q: Queryable,
  statement: { id: string; allianceId: string },
): Promise<StatementLine[]> {
  const found = await rows<LineRow>(
    q,
    sql`select t.id, t.kind, t.created_at, t.record_id, t.reason,
          r.device_id, r.offer_id, r.scanned_at,
          case when t.credit_account_id = a.id then t.amount else -t.amount end as points,
          case t.kind when 'capture' then r.bill_fen when 'reverse' then -r.bill_fen else 0 end as bill_fen,
          case t.kind when 'capture' then r.discount_fen when 'reverse' then -r.discount_fen else 0 end as discount_fen
        from statement_lines l
        join settlement_statements s on s.id = l.statement_id
        join ledger_accounts a on a.alliance_id = s.alliance_id and a.kind = 'merchant' and a.owner_id = s.merchant_id
        join transfers t on t.id = l.transfer_id
        left join redemptions r on r.id = t.record_id
        where l.statement_id = ${statement.id} and l.alliance_id = ${statement.allianceId}
        order by t.created_at, t.id`,
  );
  return found.map((r) => ({
    transferId: r.id,
    kind: r.kind,
    createdAt: new Date(r.created_at),
    recordId: r.record_id,
    deviceId: r.device_id,
    offerId: r.offer_id,
    scannedAt: r.scanned_at === null ? null : new Date(r.scanned_at),
    points: Number(r.points),
    billFen: Number(r.bill_fen ?? 0),
    discountFen: Number(r.discount_fen ?? 0),
    reason: r.reason,
  }));
}

const LINE_COLUMNS: [string, (l: StatementLine, timeZone: string) => string | number][] = [
  ['posted_local', (l, tz) => formatLocal(tz, l.createdAt)],
  ['posted_utc', (l) => l.createdAt.toISOString()],
  ['kind', (l) => l.kind],
  ['record_id', (l) => l.recordId ?? ''],
  ['device_id', (l) => l.deviceId ?? ''],
  ['offer', (l) => l.offerId ?? ''],
  ['scanned_local', (l, tz) => (l.scannedAt ? formatLocal(tz, l.scannedAt) : '')],
  ['points', (l) => l.points],
  ['bill_fen', (l) => l.billFen],
  ['discount_fen', (l) => l.discountFen],
  ['reason', (l) => l.reason ?? ''],
];

/**
 * One merchant's statement as CSV (UTF-8, CRLF; the caller adds the BOM): a header naming the
 * statement, every line, then the totals row and the reimbursement due.
 */
export function statementLinesCsv(statement: StatementRow, lines: StatementLine[], timeZone: string): string {
  const out: string[] = [
    ['period', 'merchant_number', 'merchant', 'rate_fen_per_point'].join(','),
    [statement.periodLabel, statement.merchantNumber, statement.merchantName, statement.rateFenPerPoint]
      .map(csvCell)
      .join(','),
    '',
    LINE_COLUMNS.map(([name]) => name).join(','),
  ];
  let points = 0;
  let billFen = 0;
  let discountFen = 0;
  for (const line of lines) {
    out.push(LINE_COLUMNS.map(([, get]) => csvCell(get(line, timeZone))).join(','));
    points += line.points;
    billFen += line.billFen;
    discountFen += line.discountFen;
  }
  out.push(
    '',
    ['lines', 'net_points', 'bill_fen', 'discount_fen', 'reimbursement_fen'].join(','),
    [lines.length, points, billFen, discountFen, statement.reimbursementFen].join(','),
  );
  return `${out.join('\r\n')}\r\n`;
}
