/**
 * The resident's coupons (优惠券): buying one from a shop's coupon offer, the list (kept on the
 * phone for offline starts), and the code to show. A coupon lives weeks but a code only about two
 * hours (docs/supermarket.md), so the app asks for a fresh code whenever it shows one, and keeps
 * the last one it got: offline it shows that one while it is still valid.
 */
import { CouponCode, CouponList, CouponView } from '../../shared/api/coupons.ts';
import { NetworkError, residentRequest } from './api.ts';
import { setState } from './state.ts';
import { getKv, setKv } from './store.ts';

/** Reads the stored list into the state, then asks the API; offline the stored list stays. */
export async function loadCoupons(): Promise<void> {
  const stored = await getKv('coupons');
  if (stored) setState({ coupons: stored });
  try {
    const data = await residentRequest('GET', '/v1/me/coupons', CouponList);
    const cached = { data, fetchedAt: Date.now() };
    setState({ coupons: cached });
    await setKv('coupons', cached);
  } catch (e) {
    if (!(e instanceof NetworkError)) throw e;
  }
}

/** Buys a coupon; `id` is made once per tap, so a retry after a lost answer buys nothing more. */
export async function buyCoupon(offerId: string, id: string): Promise<CouponView> {
  const coupon = await residentRequest('POST', '/v1/me/coupons', CouponView, { body: { offerId, id } });
  await loadCoupons().catch(() => {});
  return coupon;
}

export type ShownCode = { code: CouponCode; stale: boolean };

/**
 * A code for the coupon: a fresh one when online (kept for later), else the last one kept while
 * it is still valid (`stale`), else undefined. A refusal (used, expired) is thrown as the API's.
 */
export async function codeFor(couponId: string, now = Date.now()): Promise<ShownCode | undefined> {
  const kept = (await getKv('couponCodes')) ?? {};
  try {
    const code = await residentRequest('POST', `/v1/me/coupons/${couponId}/code`, CouponCode);
    await setKv('couponCodes', { ...kept, [couponId]: code });
    return { code, stale: false };
  } catch (e) {
    if (!(e instanceof NetworkError)) throw e;
    const last = kept[couponId];
    return last && Date.parse(last.expiresAt) > now ? { code: last, stale: true } : undefined;
  }
}

/** "2026-12-02" (or with the time) in the alliance's time zone. */
export function localDate(iso: string, timeZone: string, withTime = false): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  return withTime ? `${date} ${get('hour')}:${get('minute')}` : date;
}
