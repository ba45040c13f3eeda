/**
 * Messages between a merchant device (the merchant PWA) and the API. The API answers with these
 * shapes and the app parses them, so both agree on one definition.
 */
import { z } from 'zod';
import { RedemptionRecord } from '../redemption-record.ts';
import { BasketLineView, GoodView } from './goods.ts';
import { OfferRulesView } from './offer-rules.ts';

export const RECORD_OUTCOMES = [
  'accepted',
  'voucher_already_redeemed',
  'bad_voucher',
  'wrong_merchant',
  'bad_device_signature',
  'insufficient_points',
  'points_exceed_cap',
  'device_revoked',
  'sequence_conflict',
  /** The server could not read or use the record at all (see `detail`); nothing was taken. */
  'bad_record',
] as const;
export const RecordOutcome = z.enum(RECORD_OUTCOMES);
export type RecordOutcome = z.infer<typeof RecordOutcome>;

export const OfferView = z.object({
  code: z.string(),
  kind: z.enum(['amount_off', 'percent_off', 'item', 'points_as_cash']),
  titleZh: z.string(),
  titleEn: z.string(),
  points: z.number().int().nullable(),
  amountFen: z.number().int().nullable(),
  percent: z.number().int().nullable(),
  capFen: z.number().int().nullable(),
  fenPerPoint: z.number().int().nullable(),
  /** Rules (issue #18): a limit per person, a season, a minimum bill, who funds it, a coupon. */
  ...OfferRulesView,
});
export type OfferView = z.infer<typeof OfferView>;

export const MerchantConfig = z.object({
  merchant: z.object({ id: z.string(), number: z.number().int(), name: z.string() }),
  deviceId: z.string(),
  alliance: z.object({ name: z.string(), timezone: z.string(), skewSeconds: z.number().int() }),
  offers: z.array(OfferView),
  /** The shop's goods on sale (积分超市), with their stock as the server knows it. */
  goods: z.array(GoodView).default([]),
  limits: z.object({
    /** Most points one offline capture may take. */
    offlineMaxPointsPerCapture: z.number().int(),
    /** Most points this device may capture offline in a day (alliance time zone). */
    offlineMaxPointsPerDeviceDay: z.number().int(),
  }),
  /** The alliance's published voucher keys: verify vouchers offline with these. */
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }),
  /** The highest record seq the API has from this device (0 if none): continue after it. */
  lastSeq: z.number().int(),
  serverTime: z.string(),
  /** Household cards (issue #19): points one card may spend offline (no PIN) per day, over all shops. */
  cardOfflineFloorPoints: z.number().int().optional(),
  /** Lost, replaced and locked cards: refuse them offline. */
  blockedCards: z.array(z.object({ id: z.string(), number: z.string() })).optional(),
  /**
   * Coupons bought for this shop and not used yet (issue #18): a scanned code whose voucher id is
   * here is that coupon, for that offer only.
   */
  coupons: z.array(z.object({ voucherId: z.string(), offerCode: z.string() })).optional(),
});
export type MerchantConfig = z.infer<typeof MerchantConfig>;

export const RecordResult = z.object({
  id: z.string(),
  outcome: RecordOutcome,
  /** Why, for a refusal: e.g. the voucher error code (`expired`) or the shortfall. */
  detail: z.string().nullable(),
  /** Points actually moved (0 unless accepted). */
  points: z.number().int(),
  /** True when this record was answered before (a replay gets the first answer). */
  replayed: z.boolean(),
  /** Offline limits this record broke, reported though it was accepted. */
  limitBreaches: z.array(z.string()),
});
export type RecordResult = z.infer<typeof RecordResult>;

/**
 * Each record is checked on its own, so one the server cannot read is answered `bad_record`
 * instead of refusing the batch: the array takes anything, and documents the record's shape.
 */
export const SyncRequest = z.object({
  records: z
    .array(z.union([RedemptionRecord, z.unknown()]))
    .min(1)
    .max(500),
});
export type SyncRequest = z.infer<typeof SyncRequest>;

export const SyncResponse = z.object({
  results: z.array(RecordResult),
  /** Seqs below this device's highest that the API has never seen: records missing. */
  missingSeqs: z.array(z.number().int()),
});
export type SyncResponse = z.infer<typeof SyncResponse>;

export const RedemptionView = z.object({
  id: z.string(),
  seq: z.number().int(),
  deviceId: z.string(),
  voucherShortId: z.string(),
  /** A household card's 16 digits when the points were taken with a card (issue #19); else null. */
  cardNumber: z.string().nullable().optional(),
  points: z.number().int(),
  offerId: z.string().nullable(),
  /** The offer's title as the shop named it (never show offerId, an internal code). */
  offerTitleZh: z.string().nullable(),
  offerTitleEn: z.string().nullable(),
  /** The name the device was given at enrollment, e.g. 前台手机. */
  deviceName: z.string().nullable(),
  billFen: z.number().int(),
  discountFen: z.number().int(),
  scannedAt: z.string(),
  receivedAt: z.string(),
  outcome: RecordOutcome,
  detail: z.string().nullable(),
  reversed: z.boolean(),
  /**
   * A capture refused because the code was used twice (an offline double presentment) goes to
   * the coordinator: open (under review), paid_by_alliance (the alliance fund pays the shop) or
   * refused (the shop bears it). Null for any other record.
   */
  conflict: z.enum(['open', 'paid_by_alliance', 'refused']).nullable(),
  /** A basket's lines (积分超市), empty for other records. */
  lines: z.array(BasketLineView).default([]),
});
export type RedemptionView = z.infer<typeof RedemptionView>;

export const RedemptionList = z.object({
  day: z.string(),
  redemptions: z.array(RedemptionView),
  totals: z.object({
    count: z.number().int(),
    points: z.number().int(),
    billFen: z.number().int(),
    discountFen: z.number().int(),
  }),
});
export type RedemptionList = z.infer<typeof RedemptionList>;

export const StatementView = z.object({
  periodId: z.string(),
  /** e.g. "2026-11". */
  label: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['open', 'closed', 'paid']),
  redemptions: z.number().int(),
  points: z.number().int(),
  billFen: z.number().int(),
  discountFen: z.number().int(),
  /** Who funded the discounts: the shop itself (nothing due), the alliance per point, or a share. */
  fundingRule: z.enum(['merchant', 'per_point', 'share']),
  /** Amount due to the shop, in fen. */
  reimbursementFen: z.number().int(),
  paidReference: z.string().nullable(),
});
export type StatementView = z.infer<typeof StatementView>;
export const StatementList = z.object({ statements: z.array(StatementView) });

/** A shop types the 8 digits a resident reads out (the 码号); online only. */
export const ShortCodeLookupRequest = z.strictObject({
  code: z.string().min(1).max(40),
});
export type ShortCodeLookupRequest = z.infer<typeof ShortCodeLookupRequest>;

export const ShortCodeLookupResponse = z.object({
  /** The voucher's QR text, to verify and capture exactly as if it had been scanned. */
  voucher: z.string(),
});
export type ShortCodeLookupResponse = z.infer<typeof ShortCodeLookupResponse>;
