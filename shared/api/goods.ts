/**
 * The points supermarket (积分超市, issue #18) as the API answers it: a good with its price and
 * stock, a stock event, and the basket lines a receipt and the day's list show. The merchant app
 * receives the goods with its config and parses them with these.
 */
import { z } from 'zod';

export const GoodView = z.object({
  id: z.string(),
  merchantId: z.string(),
  name: z.string(),
  /** Points for one unit. */
  points: z.number().int(),
  /** Cash on top for one unit, fen. */
  copayFen: z.number().int(),
  unit: z.string(),
  barcode: z.string().nullable(),
  /** The stock on hand: the sum of the good's stock events (below zero after an offline exchange the books missed). */
  stock: z.number().int(),
  lowStock: z.number().int(),
  /** stock ≤ lowStock. */
  low: z.boolean(),
  active: z.boolean(),
  /** Where the good's photo is served (GET, with the caller's token), or null when it has none. */
  photoUrl: z.string().nullable(),
});
export type GoodView = z.infer<typeof GoodView>;

/** What staff see besides: the supplier and the cost of one unit. */
export const GoodDetail = GoodView.extend({
  supplier: z.string().nullable(),
  costFen: z.number().int().nullable(),
});
export type GoodDetail = z.infer<typeof GoodDetail>;

export const GoodList = z.object({ goods: z.array(GoodDetail) });

export const StockEventView = z.object({
  id: z.string(),
  goodsId: z.string(),
  kind: z.enum(['delivery', 'exchange', 'count', 'return', 'reversal']),
  /** The change to the stock. */
  quantity: z.number().int(),
  counted: z.number().int().nullable(),
  costFen: z.number().int().nullable(),
  supplier: z.string().nullable(),
  reason: z.string().nullable(),
  recordId: z.string().nullable(),
  flagged: z.boolean(),
  createdAt: z.string(),
  /** The stock after it (for the event just recorded). */
  stock: z.number().int().optional(),
});
export type StockEventView = z.infer<typeof StockEventView>;

export const BasketLineView = z.object({
  goodsId: z.string(),
  name: z.string(),
  unit: z.string(),
  quantity: z.number().int(),
  points: z.number().int(),
  copayFen: z.number().int(),
});
export type BasketLineView = z.infer<typeof BasketLineView>;

/** One good's month (积分超市 report): stock at the start and end, and every kind of event between. */
export const GoodsMonthLine = z.object({
  goodsId: z.string(),
  name: z.string(),
  unit: z.string(),
  supplier: z.string().nullable(),
  /** The good's unit cost, fen (null: not known). */
  unitCostFen: z.number().int().nullable(),
  stockStart: z.number().int(),
  delivered: z.number().int(),
  deliveredCostFen: z.number().int(),
  /** Exchanged at the counter, net of reversals. */
  exchanged: z.number().int(),
  points: z.number().int(),
  copayFen: z.number().int(),
  /** exchanged × unit cost. */
  costValueFen: z.number().int(),
  returned: z.number().int(),
  returnedCostFen: z.number().int(),
  /** What counts added (+) or took off (−). */
  countAdjustment: z.number().int(),
  /** Offline exchanges that took the stock below zero this month. */
  flagged: z.number().int(),
  stockEnd: z.number().int(),
});
export type GoodsMonthLine = z.infer<typeof GoodsMonthLine>;

export const GoodsMonthReport = z.object({
  month: z.string(),
  merchant: z.object({ id: z.string(), number: z.number().int(), name: z.string() }),
  startsAt: z.string(),
  endsAt: z.string(),
  lines: z.array(GoodsMonthLine),
  totals: GoodsMonthLine.omit({ goodsId: true, name: true, unit: true, supplier: true, unitCostFen: true }),
  /** Points taken per yuan of the goods' cost (null when the cost is 0). */
  pointsPerYuan: z.number().nullable(),
});
export type GoodsMonthReport = z.infer<typeof GoodsMonthReport>;

/** What one supplier delivered (and took back) in a month, good by good, for the district's accounts. */
export const SupplierMonthLine = z.object({
  merchantId: z.string(),
  merchantNumber: z.number().int(),
  merchantName: z.string(),
  goodsId: z.string(),
  name: z.string(),
  unit: z.string(),
  delivered: z.number().int(),
  deliveredCostFen: z.number().int(),
  returned: z.number().int(),
  returnedCostFen: z.number().int(),
  netCostFen: z.number().int(),
});
export const SupplierMonth = z.object({
  /** null: deliveries recorded without a supplier. */
  supplier: z.string().nullable(),
  lines: z.array(SupplierMonthLine),
  deliveredCostFen: z.number().int(),
  returnedCostFen: z.number().int(),
  netCostFen: z.number().int(),
});
export type SupplierMonth = z.infer<typeof SupplierMonth>;
export const SupplierMonthReport = z.object({
  month: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  suppliers: z.array(SupplierMonth),
  netCostFen: z.number().int(),
});
export type SupplierMonthReport = z.infer<typeof SupplierMonthReport>;

/** An offline exchange that took a good's stock below zero, for the coordinator to look at. */
export const FlaggedExchange = z.object({
  eventId: z.string(),
  goodsId: z.string(),
  name: z.string(),
  unit: z.string(),
  merchantId: z.string(),
  merchantName: z.string(),
  quantity: z.number().int(),
  recordId: z.string().nullable(),
  reason: z.string().nullable(),
  /** The good's stock now. */
  stock: z.number().int(),
  createdAt: z.string(),
});
export type FlaggedExchange = z.infer<typeof FlaggedExchange>;
