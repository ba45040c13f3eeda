/**
 * Coupons bought with points (issue #18, "100 积分兑换 8 折餐券"): each is a long hold of its price
 * (holds.kind = 'coupon', scoped to the offer's merchant) that a shop captures once, like a
 * voucher; the sweeper gives the points back when it expires unused. What became of a coupon is
 * its hold's state, so this table only says who bought which offer, and when it ends.
 */
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const coupons = pgTable(
  'coupons',
  {
    /** The buyer's request id (or a random one): buying again with it returns the same coupon. */
    id: uuid('id').primaryKey(),
    allianceId: uuid('alliance_id').notNull(),
    /** The member who bought it: the only one who may show it, counted by the offer's limits. */
    residentId: uuid('resident_id').notNull(),
    offerId: uuid('offer_id').notNull(),
    merchantId: uuid('merchant_id').notNull(),
    /** The hold's voucher id: the code a shop scans carries it. */
    voucherId: text('voucher_id').notNull().unique(),
    pricePoints: integer('price_points').notNull(),
    boughtAt: timestamp('bought_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('coupons_resident_idx').on(t.residentId, t.boughtAt),
    index('coupons_offer_idx').on(t.offerId, t.residentId),
  ],
);
