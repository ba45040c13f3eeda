/**
 * What an offer is worth for one bill: the points to take and the discount in fen. The same
 * rules as the API's offers (api/directory/offers.ts): amount off for N points, percent off
 * (with an optional cap) for N points, an item for N points, and points taken as cash at a rate.
 */
import type { MerchantConfig, OfferView } from '../../shared/api/merchant.ts';
import type { BasketLine } from './basket.ts';

export interface Charge {
  offerId: string | null;
  points: number;
  billFen: number;
  discountFen: number;
  /** A basket of goods (积分超市): `points` is then the lines' total, and there is no offer or bill. */
  lines?: BasketLine[];
}

export type ChargeResult =
  | { ok: true; charge: Charge }
  | { ok: false; reason: 'needs_bill' | 'too_many' | 'too_few' };

/** Parses "35", "35.5", "35.50" (yuan) into fen; null for anything else. */
export function parseYuan(text: string): number | null {
  const t = text.trim();
  if (t === '') return 0;
  const m = /^(\d{1,7})(?:[.,](\d{0,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * `maxPoints` is the most this capture may take: the voucher's cap and, offline, the offline
 * limits. Points as cash take as many points as the bill needs, up to that; the other kinds have
 * a fixed price and are refused when it is higher.
 */
export function chargeForOffer(offer: OfferView, billFen: number, maxPoints: number): ChargeResult {
  const fixed = (points: number, discountFen: number, bill = billFen): ChargeResult =>
    points > maxPoints
      ? { ok: false, reason: 'too_many' }
      : { ok: true, charge: { offerId: offer.code, points, billFen: bill, discountFen } };
  switch (offer.kind) {
    case 'amount_off': {
      const amount = offer.amountFen ?? 0;
      return fixed(offer.points ?? 0, billFen > 0 ? Math.min(amount, billFen) : amount);
    }
    case 'percent_off': {
      if (billFen <= 0) return { ok: false, reason: 'needs_bill' };
      const off = Math.round((billFen * (offer.percent ?? 0)) / 100);
      return fixed(offer.points ?? 0, Math.min(off, offer.capFen ?? off));
    }
    case 'item': {
      const value = offer.amountFen ?? 0;
      return fixed(offer.points ?? 0, value, billFen > 0 ? billFen : value);
    }
    case 'points_as_cash': {
      const rate = offer.fenPerPoint ?? 0;
      if (billFen <= 0) return { ok: false, reason: 'needs_bill' };
      if (rate <= 0 || maxPoints < 1) return { ok: false, reason: 'too_many' };
      const points = Math.min(Math.ceil(billFen / rate), maxPoints);
      return {
        ok: true,
        charge: { offerId: offer.code, points, billFen, discountFen: Math.min(points * rate, billFen) },
      };
    }
  }
}

export function chargeByHand(points: number, billFen: number, maxPoints: number): ChargeResult {
  if (!Number.isInteger(points) || points < 1) return { ok: false, reason: 'too_few' };
  if (points > maxPoints) return { ok: false, reason: 'too_many' };
  return { ok: true, charge: { offerId: null, points, billFen, discountFen: 0 } };
}

/** The offer a coupon's code is for, when the voucher id is one of the shop's open coupons. */
export function couponOffer(
  config: Pick<MerchantConfig, 'offers' | 'coupons'> | undefined,
  voucherId: string,
): OfferView | undefined {
  const code = config?.coupons?.find((c) => c.voucherId === voucherId)?.offerCode;
  return code === undefined ? undefined : config!.offers.find((o) => o.code === code);
}
