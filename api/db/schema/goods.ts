/**
 * The points supermarket (积分超市, issue #18): a merchant's goods with a points price (and a cash
 * co-pay if any), and their stock, which moves only by recorded events — deliveries, exchanges
 * at the counter, counts (the difference a count found, with its reason), returns to the supplier,
 * and reversals of an exchange. The stock on hand is the sum of a good's events; `goods.stock`
 * keeps that sum, written in the same transaction as each event, so the counter reads it in one
 * row and an online exchange can take it only while it stays at or above zero.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { alliances, merchants } from './directory.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const STOCK_EVENT_KINDS = ['delivery', 'exchange', 'count', 'return', 'reversal'] as const;
export type StockEventKind = (typeof STOCK_EVENT_KINDS)[number];

export const goods = pgTable(
  'goods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    merchantId: uuid('merchant_id')
      .notNull()
      .references(() => merchants.id),
    name: text('name').notNull(),
    /** Points for one unit. */
    points: integer('points').notNull(),
    /** Cash the resident pays on top, per unit, in fen (30 积分 + ¥5). */
    copayFen: integer('copay_fen').notNull().default(0),
    /** 桶, 包, 支… */
    unit: text('unit').notNull(),
    /** The product's barcode (EAN-13 and the like), for the scanner at the counter. */
    barcode: text('barcode'),
    supplier: text('supplier'),
    /** What the supplier charges for one unit, in fen. */
    costFen: integer('cost_fen'),
    /** The stored photo's file id (files at rest, like claims' evidence). */
    photoId: uuid('photo_id'),
    /** A low-stock line shows at or below this. */
    lowStock: integer('low_stock').notNull().default(5),
    /** The sum of the good's stock events. */
    stock: bigint('stock', { mode: 'number' }).notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('goods_merchant_idx').on(t.merchantId),
    uniqueIndex('goods_barcode_key').on(t.merchantId, t.barcode).where(sql`${t.barcode} is not null`),
  ],
);

export const stockEvents = pgTable(
  'stock_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id').notNull(),
    goodsId: uuid('goods_id')
      .notNull()
      .references(() => goods.id),
    kind: text('kind', { enum: STOCK_EVENT_KINDS }).notNull(),
    /** The change to the stock: + deliveries and reversals, − exchanges and returns, ± counts. */
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
    /** A count: how many were on the shelf. */
    counted: bigint('counted', { mode: 'number' }),
    /** A delivery or return: the supplier and the cost of one unit, in fen. */
    supplier: text('supplier'),
    costFen: integer('cost_fen'),
    reason: text('reason'),
    /** An exchange or its reversal: the redemption record. */
    recordId: uuid('record_id'),
    /** Who received, counted or returned (staff or the merchant's device). */
    recordedBy: text('recorded_by'),
    /** An offline exchange took the stock below zero: the shelf had it, the count was off. */
    flagged: boolean('flagged').notNull().default(false),
    /** A flagged exchange the coordinator looked into (the shelf checked, a count recorded if needed). */
    checkedAt: at('checked_at'),
    checkedBy: text('checked_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('stock_events_goods_idx').on(t.goodsId, t.createdAt),
    uniqueIndex('stock_events_record_key')
      .on(t.recordId, t.goodsId, t.kind)
      .where(sql`${t.recordId} is not null`),
  ],
);

/** The basket's lines of a redemption record, as signed (points and co-pay per unit at the time). */
export const redemptionLines = pgTable(
  'redemption_lines',
  {
    recordId: uuid('record_id').notNull(),
    goodsId: uuid('goods_id').notNull(),
    quantity: integer('quantity').notNull(),
    points: integer('points').notNull(),
    copayFen: integer('copay_fen').notNull().default(0),
  },
  (t) => [uniqueIndex('redemption_lines_key').on(t.recordId, t.goodsId)],
);
