/**
 * A closed statement line by line: every transfer the statement took (captures, reversals,
 * adjustments such as a conflict the alliance bore), with the redemption record behind it, and
 * the same as a CSV for the merchant's own books. The lines add up to the statement: the sum of
 * `points` is its net points, and bill and discount fen sum as the close summed them.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { type CsvFile, csvCell, type StatementRow } from './statements.ts';

export interface StatementLine {
  transferId: string;
  /** capture, reverse, or adjust. */
  kind: string;
  /** When the ledger posted it (the line's time in the statement). */
  createdAt: Date;
  recordId: string | null;
  /** The merchant device that scanned it; null for a POS or for an adjustment. */
  deviceId: string | null;
  /** The device's name (前台手机), for people; deviceId is for machines. */
  deviceName: string | null;
  offerId: string | null;
  /** The offer's titles, for people; offerId is the short code records carry. */
  offerTitleZh: string | null;
  offerTitleEn: string | null;
  /** For an adjustment that settled a conflict: its kind and who bore it. */
  conflictKind: string | null;
  conflictBears: string | null;
  scannedAt: Date | null;
  /** Signed: positive is owed to the merchant, negative taken back (a reversal). */
  points: number;
  billFen: number;
  discountFen: number;
  reason: string | null;
}

interface LineRow {
  statement_id: string;
  id: string;
  kind: string;
  created_at: string | Date;
  record_id: string | null;
  device_id: string | null;
  device_name: string | null;
  offer_id: string | null;
  offer_title_zh: string | null;
  offer_title_en: string | null;
  conflict_kind: string | null;
  conflict_bears: string | null;
  scanned_at: string | Date | null;
  points: string | number;
  bill_fen: string | number | null;
  discount_fen: string | number | null;
  reason: string | null;
}

/**
 * The lines of the statements `which` picks, in statement then posting order. A line's sign
 * comes from which side the merchant is on: credited (a capture, or compensation) is +.
 */
const linesOf = (which: SQL) => sql`
  select l.statement_id, t.id, t.kind, t.created_at, t.record_id, t.reason,
    r.device_id, d.name as device_name, r.offer_id, o.title_zh as offer_title_zh, o.title_en as offer_title_en,
    k.kind as conflict_kind, k.bears as conflict_bears, r.scanned_at,
    case when c.kind = 'merchant' then t.amount else -t.amount end as points,
    case t.kind when 'capture' then r.bill_fen when 'reverse' then -r.bill_fen else 0 end as bill_fen,
    case t.kind when 'capture' then r.discount_fen when 'reverse' then -r.discount_fen else 0 end as discount_fen
  from statement_lines l
  join transfers t on t.id = l.transfer_id
  join ledger_accounts c on c.id = t.credit_account_id
  left join redemptions r on r.id = t.record_id
  left join devices d on d.id = r.device_id
  left join offers o on o.merchant_id = r.merchant_id and o.code = r.offer_id
  left join conflicts k on k.transfer_id = t.id
  where ${which}
  order by l.statement_id, t.created_at, t.id`;

const toLine = (r: LineRow): StatementLine => ({
  transferId: r.id,
  kind: r.kind,
  createdAt: new Date(r.created_at),
  recordId: r.record_id,
  deviceId: r.device_id,
  deviceName: r.device_name,
  offerId: r.offer_id,
  offerTitleZh: r.offer_title_zh,
  offerTitleEn: r.offer_title_en,
  conflictKind: r.conflict_kind,
  conflictBears: r.conflict_bears,
  scannedAt: r.scanned_at === null ? null : new Date(r.scanned_at),
  points: Number(r.points),
  billFen: Number(r.bill_fen ?? 0),
  discountFen: Number(r.discount_fen ?? 0),
  reason: r.reason,
});

/** One statement's lines. */
export async function statementLines(
  q: Queryable,
  statement: { id: string; allianceId: string },
): Promise<StatementLine[]> {
  const found = await rows<LineRow>(
    q,
    linesOf(sql`l.statement_id = ${statement.id} and l.alliance_id = ${statement.allianceId}`),
  );
  return found.map(toLine);
}

const LINE_HEADER = [
  'posted_local',
  'posted_utc',
  'kind',
  'record_id',
  'device_id',
  'offer',
  'scanned_local',
  'points',
  'bill_fen',
  'discount_fen',
  'reason',
].join(',');

/** A free-text cell, always quoted; one that starts like a formula is defused with a quote. */
const csvText = (value: SQL) =>
  sql`case when ${value} is null then '' else
    '"' || replace(case when ${value} ~ '^[=+@-]' then '''' || ${value} else ${value} end, '"', '""') || '"' end`;
const localText = (at: SQL, timeZone: string) =>
  sql`coalesce(to_char(${at} at time zone ${timeZone}, 'YYYY-MM-DD HH24:MI:SS'), '')`;

/** A statement's CSV rows as the database writes them, with their totals. */
export interface StatementCsvBody {
  /** The line rows, CRLF-separated, in posting order. */
  rows: string;
  lines: number;
  points: number;
  billFen: number;
  discountFen: number;
}

/**
 * The CSV rows of one statement or of every statement in a period, written by the database:
 * the formatting of 200,000 lines happens next to the data in one pass, and Node receives one
 * string per statement.
 */
export async function statementCsvBodies(
  q: Queryable,
  which: { allianceId: string; timeZone: string } & ({ statementId: string } | { periodId: string }),
): Promise<Map<string, StatementCsvBody>> {
  const tz = which.timeZone;
  const pick =
    'statementId' in which
      ? sql`l.statement_id = ${which.statementId}`
      : sql`l.statement_id in (select s.id from settlement_statements s
          where s.period_id = ${which.periodId} and s.alliance_id = ${which.allianceId})`;
  const found = await rows<{
    statement_id: string;
    rows: string;
    lines: string | number;
    points: string | number;
    bill_fen: string | number;
    discount_fen: string | number;
  }>(
    q,
    sql`select x.statement_id, string_agg(x.line, E'\r\n' order by x.created_at, x.id) as rows, count(*) as lines,
          sum(x.points) as points, sum(x.bill_fen) as bill_fen, sum(x.discount_fen) as discount_fen
        from (
          select l.statement_id, t.id, t.created_at, p.points, p.bill_fen, p.discount_fen,
            concat_ws(',', ${localText(sql`t.created_at`, tz)},
              to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), t.kind,
              coalesce(t.record_id::text, ''), ${csvText(sql`r.device_id`)}, ${csvText(sql`r.offer_id`)},
              ${localText(sql`r.scanned_at`, tz)}, p.points, p.bill_fen, p.discount_fen, ${csvText(sql`t.reason`)}) as line
          from statement_lines l
          join transfers t on t.id = l.transfer_id
          join ledger_accounts c on c.id = t.credit_account_id
          left join redemptions r on r.id = t.record_id
          cross join lateral (select
            case when c.kind = 'merchant' then t.amount else -t.amount end as points,
            case t.kind when 'capture' then r.bill_fen when 'reverse' then -r.bill_fen else 0 end as bill_fen,
            case t.kind when 'capture' then r.discount_fen when 'reverse' then -r.discount_fen else 0 end as discount_fen) p
          where l.alliance_id = ${which.allianceId} and ${pick}
        ) x
        group by x.statement_id`,
  );
  return new Map(
    found.map((r) => [
      r.statement_id,
      {
        rows: r.rows,
        lines: Number(r.lines),
        points: Number(r.points),
        billFen: Number(r.bill_fen),
        discountFen: Number(r.discount_fen),
      },
    ]),
  );
}

/**
 * One merchant's statement as CSV (UTF-8, CRLF): a header naming the
 * statement, every line, then the totals row with the reimbursement due.
 */
export function statementCsv(statement: StatementRow, body: StatementCsvBody | undefined): string {
  const out: string[] = [
    [
      'period',
      'merchant_number',
      'merchant',
      'rate_fen_per_point',
      'funding_rule',
      'funding_share_percent',
    ].join(','),
    [
      statement.periodLabel,
      statement.merchantNumber,
      statement.merchantName,
      statement.rateFenPerPoint,
      statement.fundingRule,
      statement.fundingSharePercent ?? '',
    ]
      .map(csvCell)
      .join(','),
    '',
    LINE_HEADER,
    ...(body?.rows ? [body.rows] : []),
    '',
    ['lines', 'net_points', 'bill_fen', 'discount_fen', 'reimbursement_fen'].join(','),
    [
      body?.lines ?? 0,
      body?.points ?? 0,
      body?.billFen ?? 0,
      body?.discountFen ?? 0,
      statement.reimbursementFen,
    ].join(','),
  ];
  return `${out.join('\r\n')}\r\n`;
}

/** One merchant's statement as a CSV file for the merchant's books. */
export async function statementCsvFile(
  q: Queryable,
  statement: StatementRow,
  timeZone: string,
): Promise<CsvFile> {
  const bodies = await statementCsvBodies(q, {
    allianceId: statement.allianceId,
    timeZone,
    statementId: statement.id,
  });
  return {
    filename: `statement-${statement.periodLabel}-${statement.merchantNumber}.csv`,
    text: statementCsv(statement, bodies.get(statement.id)),
  };
}
