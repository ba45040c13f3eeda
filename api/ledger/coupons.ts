/**
 * Coupons bought with points ("100 积分兑换 8 折餐券"): buying one places a long hold of its price
 * (holds.kind = 'coupon', scoped to the offer's merchant) — the points leave the buyer's free
 * balance for escrow at once, like a voucher's, so the double-entry ledger stays balanced and
 * `alliance ledger check` holds without a new transfer kind. A shop captures it once (the hold
 * is claimed by its record; a second showing is `voucher_already_redeemed`); unused, the expiry
 * sweeper gives the points back after its capture window, as for any hold.
 * Promises: buying with the same id again returns the same coupon and takes nothing more; a
 * coupon and its hold commit together or not at all; the offer's limits count purchases.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, desc, eq, gt } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { coupons, holds, merchants, offers, redemptions } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { LedgerCache } from './accounts.ts';
import { placeHold } from './holds.ts';
import { limitProblem, seasonProblem } from './offer-rules.ts';
import { ledgerTransaction } from './transaction.ts';

export type Coupon = typeof coupons.$inferSelect;

/** The voucher id a coupon's codes carry: derived from the coupon, so a replay finds its hold. */
export const couponVoucherId = (allianceId: string, couponId: string): string =>
  createHash('sha256').update(`alliance-coupon-v1\n${allianceId}\n${couponId}`).digest('hex').slice(0, 24);

const DAY_MS = 86_400_000;

export async function buyCoupon(
  db: Queryable,
  input: { allianceId: string; residentId: string; offerId: string; couponId?: string; timezone: string },
  clock: Clock,
  cache?: LedgerCache,
): Promise<Coupon> {
  const [found] = await db
    .select({ offer: offers, merchantNumber: merchants.number })
    .from(offers)
    .innerJoin(merchants, eq(merchants.id, offers.merchantId))
    .where(and(eq(offers.id, input.offerId), eq(offers.allianceId, input.allianceId)));
  if (!found) throw new AppError('offer_not_found', { detail: 'No such offer.' });
  const { offer } = found;
  if (!offer.active || !offer.couponValidDays || !offer.points) {
    throw new AppError('offer_not_coupon', { detail: `Offer ${offer.code} is not a coupon on sale.` });
  }
  const id = input.couponId ?? randomUUID();
  const voucherId = couponVoucherId(input.allianceId, id);
  return ledgerTransaction(db, async (tx) => {
    const [earlier] = await tx.select().from(coupons).where(eq(coupons.id, id));
    if (earlier) return replayOf(earlier, input);
    const now = clock.now();
    // A coupon is bought for later: only a season that has ended stops the sale.
    const ended = offer.season?.to ? seasonProblem({ to: offer.season.to }, input.timezone, now) : null;
    if (ended) throw new AppError('offer_out_of_season', { detail: ended });
    const limit = await limitProblem(tx, {
      offer,
      residentId: input.residentId,
      timezone: input.timezone,
      at: now,
      purchase: true,
    });
    if (limit) throw new AppError('offer_limit_reached', { detail: limit });
    const expiresAt = new Date(now.getTime() + offer.couponValidDays! * DAY_MS);
    const [coupon] = await tx
      .insert(coupons)
      .values({
        id,
        allianceId: input.allianceId,
        residentId: input.residentId,
        offerId: offer.id,
        merchantId: offer.merchantId,
        voucherId,
        pricePoints: offer.points!,
        boughtAt: now,
        expiresAt,
      })
      .onConflictDoNothing()
      .returning();
    if (!coupon) {
      const [raced] = await tx.select().from(coupons).where(eq(coupons.id, id));
      return replayOf(raced!, input);
    }
    const held = await placeHold(
      tx,
      {
        allianceId: input.allianceId,
        residentId: input.residentId,
        voucherId,
        capPoints: offer.points!,
        issuedAt: now,
        ttlSeconds: offer.couponValidDays! * 86_400,
        merchantScope: found.merchantNumber,
        kind: 'coupon',
      },
      clock,
      cache,
    );
    // Thrown, so the caller's transaction (coupon row and hold) rolls back as a whole.
    if (held.outcome === 'insufficient_points') {
      throw new AppError('insufficient_points', {
        detail: `The coupon costs ${offer.points} points; ${held.available} are available.`,
        details: { available: held.available },
      });
    }
    return coupon;
  });
}

function replayOf(earlier: Coupon, input: { residentId: string; offerId: string }): Coupon {
  if (earlier.residentId !== input.residentId || earlier.offerId !== input.offerId) {
    throw new AppError('voucher_id_reused', { detail: 'This coupon id is already in use.' });
  }
  return earlier;
}

export type CouponState = 'open' | 'used' | 'returned';

/** What became of a coupon: its hold's state (a late capture after expiry counts as used). */
function stateOf(hold: { state: string }, recordOutcome: string | null): CouponState {
  if (hold.state === 'captured' || recordOutcome === 'accepted') return 'used';
  return hold.state === 'open' ? 'open' : 'returned';
}

/**
 * The coupons a shop may still be shown (bought, not used, not past their end), by the voucher id
 * their codes carry and the offer they are for: the device's config, so the counter knows a
 * coupon's code when it sees one, offline too. At most 5,000, the newest.
 */
export async function openCouponsAt(q: Queryable, input: { merchantId: string; now: Date }) {
  return q
    .select({ voucherId: coupons.voucherId, offerCode: offers.code })
    .from(coupons)
    .innerJoin(offers, eq(offers.id, coupons.offerId))
    .innerJoin(holds, and(eq(holds.allianceId, coupons.allianceId), eq(holds.voucherId, coupons.voucherId)))
    .where(
      and(
        eq(coupons.merchantId, input.merchantId),
        eq(holds.state, 'open'),
        gt(coupons.expiresAt, input.now),
      ),
    )
    .orderBy(desc(coupons.boughtAt))
    .limit(5000);
}

/** One resident's coupons, newest first, with their offer, shop and state (at most 200). */
export async function couponsOf(q: Queryable, input: { allianceId: string; residentId: string }) {
  const list = await q
    .select({
      coupon: coupons,
      offer: offers,
      merchantName: merchants.name,
      merchantNumber: merchants.number,
      hold: holds,
      usedAt: redemptions.receivedAt,
      recordOutcome: redemptions.outcome,
    })
    .from(coupons)
    .innerJoin(offers, eq(offers.id, coupons.offerId))
    .innerJoin(merchants, eq(merchants.id, coupons.merchantId))
    .innerJoin(holds, and(eq(holds.allianceId, coupons.allianceId), eq(holds.voucherId, coupons.voucherId)))
    .leftJoin(redemptions, eq(redemptions.id, holds.claimedByRecordId))
    .where(and(eq(coupons.allianceId, input.allianceId), eq(coupons.residentId, input.residentId)))
    .orderBy(desc(coupons.boughtAt))
    .limit(200);
  return list.map((row) => {
    const state = stateOf(row.hold, row.recordOutcome);
    return { ...row, state, usedAt: state === 'used' ? (row.usedAt ?? row.hold.resolvedAt) : null };
  });
}

/** One of the resident's coupons with its hold, or undefined. */
export async function couponOf(
  q: Queryable | Tx,
  input: { allianceId: string; residentId: string; couponId: string },
) {
  const [row] = await q
    .select({ coupon: coupons, hold: holds })
    .from(coupons)
    .innerJoin(holds, and(eq(holds.allianceId, coupons.allianceId), eq(holds.voucherId, coupons.voucherId)))
    .where(
      and(
        eq(coupons.id, input.couponId),
        eq(coupons.allianceId, input.allianceId),
        eq(coupons.residentId, input.residentId),
      ),
    );
  return row;
}
