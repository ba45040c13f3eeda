/**
 * The points supermarket's reports (积分超市, issue #18): a shop's month good by good — stock at
 * the month's start and end, deliveries, exchanges net of reversals with their points, co-pay and
 * cost value, returns and counts — and each supplier's month across the alliance (what it
 * delivered and took back, at the cost recorded on each event), both also as CSV.
 * Promises: every figure is read from the stock events (and an exchange's points from the
 * basket's lines as signed), so for each good start + the month's events = end, and the month's
 * points are what the ledger captured for those baskets less what it reversed. A month is the
 * calendar month in the alliance's time zone (the caller passes its bounds).
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';

export interface Month {
  label: string;
  startsAt: Date;
  endsAt: Date;
}

export interface GoodsMonthLine {
  goodsId: string;
  name: string;
  unit: string;
  supplier: string | null;
  unitCostFen: number | null;
  stockStart: number;
  delivered: number;
  deliveredCostFen: number;
  exchanged: number;
  points: number;
  copayFen: number;
  costValueFen: number;
  returned: number;
  returnedCostFen: number;
  countAdjustment: number;
  flagged: number;
  stockEnd: number;
}

export type GoodsMonthTotals = Omit<GoodsMonthLine, 'goodsId' | 'name' | 'unit' | 'supplier' | 'unitCostFen'>;

export interface GoodsMonth {
  lines: GoodsMonthLine[];
  totals: GoodsMonthTotals;
  /** Points taken per yuan of the exchanged goods' cost; null when that cost is 0. */
  pointsPerYuan: number | null;
}

type Num = string | number | null;
const n = (v: Num) => Number(v ?? 0);
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * A shop's month, every good of the shop (those with nothing that month too). An exchange's
 * and a reversal's points and co-pay come from the basket's line: −quantity × the line's price.
 */
export async function goodsMonth(
  db: Queryable,
  input: { allianceId: string; merchantId: string; month: Month },
): Promise<GoodsMonth> {
  const { startsAt, endsAt } = input.month;
  const inMonth = sql`e.created_at >= ${at(startsAt)}`;
  const found = await rows<{
    id: string;
    name: string;
    unit: string;
    supplier: string | null;
    cost_fen: Num;
    stock_start: Num;
    stock_end: Num;
    delivered: Num;
    delivered_cost_fen: Num;
    exchanged: Num;
    points: Num;
    copay_fen: Num;
    returned: Num;
    returned_cost_fen: Num;
    count_adjustment: Num;
    flagged: Num;
  }>(
    db,
    sql`select g.id, g.name, g.unit, g.supplier, g.cost_fen,
          sum(e.quantity) filter (where e.created_at < ${at(startsAt)}) as stock_start,
          sum(e.quantity) as stock_end,
          sum(e.quantity) filter (where ${inMonth} and e.kind = 'delivery') as delivered,
          sum(e.quantity * coalesce(e.cost_fen, 0)) filter (where ${inMonth} and e.kind = 'delivery') as delivered_cost_fen,
          -sum(e.quantity) filter (where ${inMonth} and e.kind in ('exchange', 'reversal')) as exchanged,
          -sum(e.quantity * l.points) filter (where ${inMonth} and e.kind in ('exchange', 'reversal')) as points,
          -sum(e.quantity * l.copay_fen) filter (where ${inMonth} and e.kind in ('exchange', 'reversal')) as copay_fen,
          -sum(e.quantity) filter (where ${inMonth} and e.kind = 'return') as returned,
          -sum(e.quantity * coalesce(e.cost_fen, 0)) filter (where ${inMonth} and e.kind = 'return') as returned_cost_fen,
          sum(e.quantity) filter (where ${inMonth} and e.kind = 'count') as count_adjustment,
          count(*) filter (where ${inMonth} and e.flagged) as flagged
        from goods g
        left join stock_events e on e.goods_id = g.id and e.created_at < ${at(endsAt)}
        left join redemption_lines l on l.record_id = e.record_id and l.goods_id = e.goods_id
        where g.alliance_id = ${input.allianceId} and g.merchant_id = ${input.merchantId}
        group by g.id
        order by g.name, g.id`,
  );
  const lines = found.map((r): GoodsMonthLine => {
    const unitCostFen = r.cost_fen === null ? null : n(r.cost_fen);
    return {
      goodsId: r.id,
      name: r.name,
      unit: r.unit,
      supplier: r.supplier,
      unitCostFen,
      stockStart: n(r.stock_start),
      delivered: n(r.delivered),
      deliveredCostFen: n(r.delivered_cost_fen),
      exchanged: n(r.exchanged),
      points: n(r.points),
      copayFen: n(r.copay_fen),
      costValueFen: n(r.exchanged) * (unitCostFen ?? 0),
      returned: n(r.returned),
      returnedCostFen: n(r.returned_cost_fen),
      countAdjustment: n(r.count_adjustment),
      flagged: n(r.flagged),
      stockEnd: n(r.stock_end),
    };
  });
  const sum = (f: (l: GoodsMonthLine) => number) => lines.reduce((a, l) => a + f(l), 0);
  const totals: GoodsMonthTotals = {
    stockStart: sum((l) => l.stockStart),
    delivered: sum((l) => l.delivered),
    deliveredCostFen: sum((l) => l.deliveredCostFen),
    exchanged: sum((l) => l.exchanged),
    points: sum((l) => l.points),
    copayFen: sum((l) => l.copayFen),
    costValueFen: sum((l) => l.costValueFen),
    returned: sum((l) => l.returned),
    returnedCostFen: sum((l) => l.returnedCostFen),
    countAdjustment: sum((l) => l.countAdjustment),
    flagged: sum((l) => l.flagged),
    stockEnd: sum((l) => l.stockEnd),
  };
  return { lines, totals, pointsPerYuan: pointsPerYuan(totals.points, totals.costValueFen) };
}

/** Points per yuan of cost, to two places; null when there is no cost to divide by. */
export const pointsPerYuan = (points: number, costFen: number): number | null =>
  costFen > 0 ? Math.round((points * 10_000) / costFen) / 100 : null;

export interface SupplierLine {
  merchantId: string;
  merchantNumber: number;
  merchantName: string;
  goodsId: string;
  name: string;
  unit: string;
  delivered: number;
  deliveredCostFen: number;
  returned: number;
  returnedCostFen: number;
  netCostFen: number;
}

export interface SupplierMonth {
  supplier: string | null;
  lines: SupplierLine[];
  deliveredCostFen: number;
  returnedCostFen: number;
  netCostFen: number;
}

/** Each supplier's month across the alliance's shops: deliveries and returns at their recorded cost. */
export async function supplierMonths(
  db: Queryable,
  input: { allianceId: string; month: Month },
): Promise<SupplierMonth[]> {
  const found = await rows<{
    supplier: string | null;
    merchant_id: string;
    merchant_number: Num;
    merchant_name: string;
    goods_id: string;
    name: string;
    unit: string;
    delivered: Num;
    delivered_cost_fen: Num;
    returned: Num;
    returned_cost_fen: Num;
  }>(
    db,
    sql`select e.supplier, m.id as merchant_id, m.number as merchant_number, m.name as merchant_name,
          g.id as goods_id, g.name, g.unit,
          sum(e.quantity) filter (where e.kind = 'delivery') as delivered,
          sum(e.quantity * coalesce(e.cost_fen, 0)) filter (where e.kind = 'delivery') as delivered_cost_fen,
          -sum(e.quantity) filter (where e.kind = 'return') as returned,
          -sum(e.quantity * coalesce(e.cost_fen, 0)) filter (where e.kind = 'return') as returned_cost_fen
        from stock_events e
        join goods g on g.id = e.goods_id
        join merchants m on m.id = g.merchant_id
        where e.alliance_id = ${input.allianceId} and e.kind in ('delivery', 'return')
          and e.created_at >= ${at(input.month.startsAt)} and e.created_at < ${at(input.month.endsAt)}
        group by e.supplier, m.id, m.number, m.name, g.id, g.name, g.unit
        order by e.supplier nulls last, m.number, g.name, g.id`,
  );
  const out: SupplierMonth[] = [];
  for (const r of found) {
    let month = out.at(-1);
    if (!month || month.supplier !== r.supplier) {
      month = { supplier: r.supplier, lines: [], deliveredCostFen: 0, returnedCostFen: 0, netCostFen: 0 };
      out.push(month);
    }
    const line: SupplierLine = {
      merchantId: r.merchant_id,
      merchantNumber: n(r.merchant_number),
      merchantName: r.merchant_name,
      goodsId: r.goods_id,
      name: r.name,
      unit: r.unit,
      delivered: n(r.delivered),
      deliveredCostFen: n(r.delivered_cost_fen),
      returned: n(r.returned),
      returnedCostFen: n(r.returned_cost_fen),
      netCostFen: n(r.delivered_cost_fen) - n(r.returned_cost_fen),
    };
    month.lines.push(line);
    month.deliveredCostFen += line.deliveredCostFen;
    month.returnedCostFen += line.returnedCostFen;
    month.netCostFen += line.netCostFen;
  }
  return out;
}

/** Offline exchanges that took a good below zero and nobody has checked yet, newest first. */
export async function flaggedExchanges(db: Queryable, allianceId: string, limit = 200) {
  const found = await rows<{
    id: string;
    goods_id: string;
    name: string;
    unit: string;
    merchant_id: string;
    merchant_name: string;
    quantity: Num;
    record_id: string | null;
    reason: string | null;
    stock: Num;
    created_at: string | Date;
  }>(
    db,
    sql`select e.id, e.goods_id, g.name, g.unit, m.id as merchant_id, m.name as merchant_name,
          e.quantity, e.record_id, e.reason, g.stock, e.created_at
        from stock_events e
        join goods g on g.id = e.goods_id
        join merchants m on m.id = g.merchant_id
        where e.alliance_id = ${allianceId} and e.flagged and e.checked_at is null
        order by e.created_at desc, e.id desc
        limit ${limit}`,
  );
  return found.map((r) => ({
    eventId: r.id,
    goodsId: r.goods_id,
    name: r.name,
    unit: r.unit,
    merchantId: r.merchant_id,
    merchantName: r.merchant_name,
    quantity: n(r.quantity),
    recordId: r.record_id,
    reason: r.reason,
    stock: n(r.stock),
    createdAt: new Date(r.created_at),
  }));
}

/** One CSV cell: quoted when it must be; a name that starts like a formula is defused. */
const cell = (v: string | number | null) => {
  if (v === null) return '';
  const s = String(v);
  const safe = typeof v === 'string' && /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};
const row = (values: (string | number | null)[]) => values.map(cell).join(',');

const MONTH_COLUMNS = [
  'goods',
  'unit',
  'supplier',
  'unit_cost_fen',
  'stock_start',
  'delivered',
  'delivered_cost_fen',
  'exchanged',
  'points',
  'copay_fen',
  'cost_value_fen',
  'returned',
  'returned_cost_fen',
  'count_adjustment',
  'stock_end',
] as const;

const monthFigures = (l: GoodsMonthTotals) => [
  l.stockStart,
  l.delivered,
  l.deliveredCostFen,
  l.exchanged,
  l.points,
  l.copayFen,
  l.costValueFen,
  l.returned,
  l.returnedCostFen,
  l.countAdjustment,
  l.stockEnd,
];

/** A shop's month as CSV (CRLF; the front door adds the BOM): a header, a line per good, the totals. */
export function goodsMonthCsv(
  merchant: { number: number; name: string },
  month: Month,
  report: GoodsMonth,
): { filename: string; text: string } {
  const out = [
    row(['month', 'merchant_number', 'merchant']),
    row([month.label, merchant.number, merchant.name]),
    '',
    MONTH_COLUMNS.join(','),
    ...report.lines.map((l) => row([l.name, l.unit, l.supplier, l.unitCostFen, ...monthFigures(l)])),
    row(['total', '', '', '', ...monthFigures(report.totals)]),
    '',
    row(['points_per_yuan']),
    row([report.pointsPerYuan === null ? '' : report.pointsPerYuan.toFixed(2)]),
  ];
  return { filename: `goods-${month.label}-${merchant.number}.csv`, text: `${out.join('\r\n')}\r\n` };
}

/** The suppliers' month as CSV: one line per supplier, shop and good, then the total. */
export function supplierMonthsCsv(
  month: Month,
  suppliers: SupplierMonth[],
): { filename: string; text: string } {
  const out = [
    row([
      'supplier',
      'merchant_number',
      'merchant',
      'goods',
      'unit',
      'delivered',
      'delivered_cost_fen',
      'returned',
      'returned_cost_fen',
      'net_cost_fen',
    ]),
  ];
  for (const s of suppliers) {
    for (const l of s.lines) {
      out.push(
        row([
          s.supplier,
          l.merchantNumber,
          l.merchantName,
          l.name,
          l.unit,
          l.delivered,
          l.deliveredCostFen,
          l.returned,
          l.returnedCostFen,
          l.netCostFen,
        ]),
      );
    }
  }
  const total = suppliers.reduce((a, s) => a + s.netCostFen, 0);
  out.push(row(['total', '', '', '', '', '', '', '', '', total]));
  return { filename: `suppliers-${month.label}.csv`, text: `${out.join('\r\n')}\r\n` };
}
