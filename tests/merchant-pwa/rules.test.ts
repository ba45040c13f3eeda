/**
 * The merchant app's rules that need no browser: what an offer charges for a bill, and the
 * verdict on a scanned code (with a key of our own, injected as the alliance JWKS would be).
 */
import { describe, expect, it } from 'vitest';
import { offerLabel } from '../../merchant-pwa/src/offer-label.ts';
import { chargeByHand, chargeForOffer, parseYuan } from '../../merchant-pwa/src/offers.ts';
import { enrollmentCodeFrom } from '../../merchant-pwa/src/screens/enroll.tsx';
import { countdown, judgeVoucher } from '../../merchant-pwa/src/verdict.ts';
import type { OfferView } from '../../shared/api/merchant.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { buildKeyIndex, voucherKey } from '../../shared/jwks.ts';
import { signVoucher } from '../../shared/voucher.ts';
import { tamper } from './world.ts';

const offer = (o: Partial<OfferView> & Pick<OfferView, 'kind'>): OfferView => ({
  code: 'x',
  titleZh: 'x',
  titleEn: 'x',
  points: null,
  amountFen: null,
  percent: null,
  capFen: null,
  fenPerPoint: null,
  ...o,
});

describe('offers charge the bill by their rules', () => {
  it('reads yuan as typed into fen and refuses anything else', () => {
    expect(parseYuan('35')).toBe(3500);
    expect(parseYuan('35.5')).toBe(3550);
    expect(parseYuan('0.05')).toBe(5);
    expect(parseYuan('')).toBe(0);
    expect(parseYuan('3.555')).toBeNull();
    expect(parseYuan('-1')).toBeNull();
  });

  it('amount off takes its points and never discounts more than the bill', () => {
    const haircut = offer({ kind: 'amount_off', code: 'haircut-5', points: 50, amountFen: 500 });
    expect(chargeForOffer(haircut, 3500, 100)).toEqual({
      ok: true,
      charge: { offerId: 'haircut-5', points: 50, billFen: 3500, discountFen: 500 },
    });
    expect(chargeForOffer(haircut, 300, 100)).toMatchObject({ ok: true, charge: { discountFen: 300 } });
    expect(chargeForOffer(haircut, 3500, 49)).toEqual({ ok: false, reason: 'too_many' });
  });

  it('percent off needs the bill and stops at its cap', () => {
    const meal = offer({ kind: 'percent_off', points: 100, percent: 20, capFen: 3000 });
    expect(chargeForOffer(meal, 0, 500)).toEqual({ ok: false, reason: 'needs_bill' });
    expect(chargeForOffer(meal, 10_000, 500)).toMatchObject({
      ok: true,
      charge: { points: 100, discountFen: 2000 },
    });
    expect(chargeForOffer(meal, 50_000, 500)).toMatchObject({ ok: true, charge: { discountFen: 3000 } });
  });

  it('an item is worth its value; points as cash take what the bill needs, up to the most allowed', () => {
    const soap = offer({ kind: 'item', points: 30, amountFen: 300 });
    expect(chargeForOffer(soap, 0, 30)).toMatchObject({
      ok: true,
      charge: { points: 30, billFen: 300, discountFen: 300 },
    });
    const cash = offer({ kind: 'points_as_cash', fenPerPoint: 10 });
    expect(chargeForOffer(cash, 1234, 500)).toMatchObject({
      ok: true,
      charge: { points: 124, discountFen: 1234 },
    });
    expect(chargeForOffer(cash, 1234, 80)).toMatchObject({
      ok: true,
      charge: { points: 80, discountFen: 800 },
    });
  });

  it('points typed by hand are whole, at least 1 and at most the limit', () => {
    expect(chargeByHand(0, 0, 10)).toEqual({ ok: false, reason: 'too_few' });
    expect(chargeByHand(1.5, 0, 10)).toEqual({ ok: false, reason: 'too_few' });
    expect(chargeByHand(11, 0, 10)).toEqual({ ok: false, reason: 'too_many' });
    expect(chargeByHand(10, 2000, 10)).toEqual({
      ok: true,
      charge: { offerId: null, points: 10, billFen: 2000, discountFen: 0 },
    });
  });
});

describe('an offer is named once', () => {
  it('the title, then the price unless the title already says it', () => {
    const cash = offer({
      kind: 'points_as_cash',
      code: 'cash',
      titleZh: '积分抵现',
      titleEn: 'Points as cash',
      fenPerPoint: 10,
    });
    expect(offerLabel(cash, 'zh')).toBe('积分抵现 · 1 积分 = ¥0.10');
    expect(offerLabel({ ...cash, titleZh: '积分抵现（1 积分 = 0.1 元）' }, 'zh')).toBe(
      '积分抵现 · 1 积分 = ¥0.10',
    );
    expect(offerLabel({ ...cash, titleEn: 'Points as cash (1 point = ¥0.10)' }, 'en')).toBe(
      'Points as cash · 1 point = ¥0.10',
    );
    const haircut = offer({ kind: 'amount_off', titleZh: '理发立减 5 元', points: 50, amountFen: 500 });
    expect(offerLabel(haircut, 'zh')).toBe('理发立减 5 元 · 50 积分');
    expect(offerLabel({ ...haircut, titleZh: '50 积分理发立减 5 元' }, 'zh')).toBe('50 积分理发立减 5 元');
  });
});

describe('the verdict on a scanned code', () => {
  const seed = new Uint8Array(32).fill(7);
  const key = voucherKey(ed25519Noble.publicKeyOf!(seed));
  const keys = buildKeyIndex([key]);
  const now = 1_800_000_000;
  const make = (fields: { merchantScope?: number; issuedAt?: number; voucherId?: string } = {}) =>
    signVoucher(
      {
        kid: key.kid,
        voucherId: fields.voucherId ?? 'a1b2c3d4e5f60718293a4b5c',
        capPoints: 120,
        issuedAt: fields.issuedAt ?? now,
        ttlSeconds: 180,
        merchantScope: fields.merchantScope ?? 0,
      },
      seed,
      ed25519Noble,
    ).text;
  const context = {
    keys,
    merchantNumber: 1001,
    skewSeconds: 120,
    nowMs: (now + 78) * 1000,
    taken: new Set<string>(),
  };

  it('a good code is valid, with its cap and time left', () => {
    const verdict = judgeVoucher(`${make()}\r\n`, context);
    expect(verdict).toMatchObject({ ok: true, voucher: { capPoints: 120, expiresAt: now + 180 } });
    expect(countdown(now + 180, context.nowMs)).toBe('1:42');
    expect(countdown(now + 78 + 7380, context.nowMs)).toBe('2:03:00');
  });

  it('each refusal has its reason', () => {
    const refusal = (text: string, ctx = context) => {
      const v = judgeVoucher(text, ctx);
      return v.ok ? 'valid' : v.refusal;
    };
    expect(refusal(tamper(make()))).toBe('damaged');
    expect(refusal(make({ issuedAt: now - 400 }))).toBe('expired');
    expect(refusal(make({ issuedAt: now + 1000 }))).toBe('not_yet_valid');
    expect(refusal('https://example.com/pay?id=1')).toBe('not_alliance');
    expect(refusal('6901234567892')).toBe('not_alliance');
    expect(refusal(make({ merchantScope: 1002 }))).toBe('wrong_merchant');
    expect(refusal(make({ merchantScope: 1001 }))).toBe('valid');
    expect(refusal(make(), { ...context, taken: new Set(['a1b2c3d4e5f60718293a4b5c']) })).toBe(
      'already_taken',
    );
    expect(refusal(make(), { ...context, keys: buildKeyIndex([]) })).toBe('unknown_key');
  });

  it('a code whose countdown reached 0:00 is expired, even inside the clock grace', () => {
    // Expired 8 seconds ago by the server's clock; the verifier's 120 s skew would still pass it.
    const verdict = judgeVoucher(make({ issuedAt: now - 110 }), context);
    expect(verdict).toMatchObject({ ok: false, refusal: 'expired' });
    const lastSecond = judgeVoucher(make({ issuedAt: now - 101 }), context);
    expect(lastSecond.ok).toBe(true);
  });

  it('reads the enrollment code from the slip link or as typed', () => {
    expect(enrollmentCodeFrom('http://shop.example/merchant/#enroll=123456789012')).toBe('123456789012');
    expect(enrollmentCodeFrom('1234-5678-9012')).toBe('123456789012');
  });
});
