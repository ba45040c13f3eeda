/**
 * A resident's coupons (优惠券): buying one from a shop's coupon offer with points, listing them,
 * and getting a code to show. A coupon is a long hold (ledger/coupons.ts); its code is a voucher
 * scoped to the shop and drawn on that hold, so the shop's ordinary scan flow captures it once.
 * A voucher lives at most 65,535 s (ttlSeconds is a u16) while a coupon lives weeks, so each
 * code is signed when asked for, valid for the alliance's voucher ttl plus its capture window
 * (2 h 3 min by default; never past the coupon's end): a key that signed it stays published
 * that long after it stops signing (docs/voucher.md, "Key rotation"). Offline, the app shows the
 * last code it got while it is still valid.
 */
import type { CouponCode, CouponView } from '../../shared/api/coupons.ts';
import type { ResidentPrincipal } from '../auth/principal.ts';
import { allianceSettings } from '../directory/queries.ts';
import { AppError } from '../errors.ts';
import { buyCoupon, couponOf, couponsOf } from '../ledger/coupons.ts';
import { signVoucher } from '../vouchers/issue.ts';
import { currentSigningKey } from '../vouchers/keys.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';

const MAX_TTL = 0xffff;

export async function buyMyCoupon(
  ctx: AppContext,
  actor: ResidentPrincipal,
  request: { offerId: string; id?: string | undefined },
): Promise<CouponView> {
  const { allianceId, subjectId: residentId } = actor;
  const { timezone } = await allianceSettings(ctx.db, allianceId);
  const coupon = await inTransaction(ctx, async (tx) => {
    const bought = await buyCoupon(
      tx,
      {
        allianceId,
        residentId,
        offerId: request.offerId,
        timezone,
        ...(request.id ? { couponId: request.id } : {}),
      },
      ctx.clock,
      ctx.ledgerCache,
    );
    await audit(tx, actor, 'coupon.buy', bought.id, { offerId: bought.offerId, points: bought.pricePoints });
    return bought;
  });
  const mine = await myCoupons(ctx, actor);
  return mine.find((c) => c.id === coupon.id)!;
}

export async function myCoupons(ctx: AppContext, actor: ResidentPrincipal): Promise<CouponView[]> {
  const list = await couponsOf(ctx.db, { allianceId: actor.allianceId, residentId: actor.subjectId });
  return list.map((row) => ({
    id: row.coupon.id,
    offerId: row.offer.id,
    offerCode: row.offer.code,
    titleZh: row.offer.titleZh,
    titleEn: row.offer.titleEn,
    merchantName: row.merchantName,
    merchantNumber: row.merchantNumber,
    pricePoints: row.coupon.pricePoints,
    boughtAt: row.coupon.boughtAt.toISOString(),
    expiresAt: row.coupon.expiresAt.toISOString(),
    state: row.state,
    usedAt: row.usedAt ? row.usedAt.toISOString() : null,
  }));
}

/** A freshly signed code for an open coupon of the resident's; refused once used, returned or past its end. */
export async function couponCode(
  ctx: AppContext,
  actor: ResidentPrincipal,
  couponId: string,
): Promise<CouponCode> {
  const found = await couponOf(ctx.db, {
    allianceId: actor.allianceId,
    residentId: actor.subjectId,
    couponId,
  });
  if (!found) throw new AppError('coupon_not_found');
  const now = ctx.clock.now();
  const left = Math.floor((found.coupon.expiresAt.getTime() - now.getTime()) / 1000);
  if (found.hold.state !== 'open' || found.hold.claimedByRecordId || left < 1) {
    throw new AppError('coupon_not_usable', { detail: `The coupon is ${found.hold.state}.` });
  }
  const alliance = await allianceSettings(ctx.db, actor.allianceId);
  const ttlSeconds = Math.min(left, alliance.voucherTtlSeconds + alliance.captureWindowSeconds, MAX_TTL);
  const key = await currentSigningKey(ctx.db, actor.allianceId, ctx.masterKey, ctx.clock);
  const issuedAt = Math.floor(now.getTime() / 1000);
  const voucher = signVoucher({
    key,
    voucherId: found.hold.voucherId,
    capPoints: found.hold.capPoints,
    issuedAt,
    ttlSeconds,
    merchantScope: found.hold.merchantScope,
  });
  return {
    couponId,
    text: voucher.text,
    voucherId: found.hold.voucherId,
    issuedAt: new Date(issuedAt * 1000).toISOString(),
    expiresAt: new Date(voucher.fields.expiresAt * 1000).toISOString(),
    ttlSeconds,
    couponExpiresAt: found.coupon.expiresAt.toISOString(),
    serverTime: now.toISOString(),
  };
}
