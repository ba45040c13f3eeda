/**
 * Coupons bought with points (优惠券, issue #18): the resident app buys one from a shop's coupon
 * offer, lists its coupons, and fetches a freshly signed code to show. The API answers with
 * these shapes and the app parses them.
 */
import { z } from 'zod';

export const CouponBuyRequest = z.strictObject({
  offerId: z.string().uuid('must be an offer id (UUID)'),
  /** The app's id for this purchase: sending it again returns the same coupon, never a second. */
  id: z.string().uuid('must be a UUID').optional(),
});
export type CouponBuyRequest = z.infer<typeof CouponBuyRequest>;

export const COUPON_STATES = ['open', 'used', 'returned'] as const;

export const CouponView = z.object({
  id: z.string(),
  offerId: z.string(),
  offerCode: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  merchantName: z.string(),
  merchantNumber: z.number().int(),
  pricePoints: z.number().int(),
  boughtAt: z.string(),
  expiresAt: z.string(),
  /** open: may be shown; used: a shop took it; returned: expired unused, its points came back. */
  state: z.enum(COUPON_STATES),
  usedAt: z.string().nullable(),
});
export type CouponView = z.infer<typeof CouponView>;

export const CouponList = z.object({ coupons: z.array(CouponView), serverTime: z.string() });
export type CouponList = z.infer<typeof CouponList>;

/**
 * A coupon's code to show: a voucher scoped to the shop, drawn on the coupon's held points,
 * signed now and valid for a short while (expiresAt); the app keeps the last one for offline.
 */
export const CouponCode = z.object({
  couponId: z.string(),
  text: z.string(),
  voucherId: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  ttlSeconds: z.number().int(),
  couponExpiresAt: z.string(),
  serverTime: z.string(),
});
export type CouponCode = z.infer<typeof CouponCode>;
