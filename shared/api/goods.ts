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
