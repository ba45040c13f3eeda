/**
 * Redemption records, the merchant device's signed claim "I captured N points from this
 * voucher" (docs/voucher-spec.md, "Redemption record"): the zod schema, the canonical signing text,
 * and signing/verifying with the device key through an injected Ed25519 primitive.
 *
 * Promises: two different records never share a signing text (no field may contain the `\n`
 * separator and numbers are plain decimal integers), and verifying never throws on a record the
 * schema accepted.
 */
import { z } from 'zod';
import { fromBase64url, toBase64url, utf8 } from './bytes.ts';
import { type Ed25519Primitive, requireSigner } from './signature-primitive.ts';
import { Text } from './text.ts';

export const REDEMPTION_SIGNATURE_DOMAIN = 'alliance-redemption-v1';
/** A record with a basket's lines is signed under its own domain, so it can never pass for a v1 record. */
export const BASKET_SIGNATURE_DOMAIN = 'alliance-redemption-v2';
export const MAX_BASKET_LINES = 50;

const noNewline = /^[^\n]*$/;
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * Bounds that keep every accepted record storable and every device able to go on signing: a seq
 * of a thousand million lasts a shop longer than any phone, and a scan time outside 2020–2100
 * is a broken clock, not evidence.
 */
export const MAX_SEQ = 1_000_000_000;
export const MIN_SCANNED_AT = Date.UTC(2020, 0, 1);
export const MAX_SCANNED_AT = Date.UTC(2100, 0, 1);

export const RedemptionRecord = z.object({
  /** Made on the device; the idempotency key of the capture. */
  id: z.uuid(),
  /** The voucher text as scanned. Not checked here: a bad one is the outcome `bad_voucher`. */
  voucher: Text(1000).regex(noNewline, 'must not contain a line break'),
  points: count.min(1),
  offerId: Text(100).min(1).regex(noNewline, 'must not contain a line break').nullable(),
  billFen: count,
  discountFen: count,
  /** Unix milliseconds by the device clock: evidence, not accounting time. */
  scannedAt: count
    .min(MIN_SCANNED_AT, 'must be a time after 2020')
    .max(MAX_SCANNED_AT, 'must be a time before 2100'),
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a device id such as dev_0123456789ab'),
  /** Counts the device's records from 1 with no gaps. */
  seq: count.min(1).max(MAX_SEQ),
  /**
   * A basket of goods (积分超市): each line a good, how many, and its points and cash co-pay per
   * unit as the device priced them. `points` is then the basket's total, Σ quantity × points.
   * Records without lines are signed as v1 (unchanged); with lines, as v2.
   */
  lines: z
    .array(
      z.object({
        goodsId: z.uuid(),
        quantity: z.number().int().min(1).max(999),
        points: z.number().int().min(0).max(1_000_000),
        copayFen: z.number().int().min(0).max(10_000_000),
      }),
    )
    .min(1)
    .max(MAX_BASKET_LINES)
    .optional(),
  /** Ed25519 signature over the signing text, unpadded base64url. */
  sig: z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'must be a 64-byte signature in base64url'),
});
export type RedemptionRecord = z.infer<typeof RedemptionRecord>;

export type UnsignedRedemptionRecord = Omit<RedemptionRecord, 'sig'>;

export type BasketLine = NonNullable<RedemptionRecord['lines']>[number];

/** Σ quantity × points of a basket's lines. */
export const basketPoints = (lines: readonly Pick<BasketLine, 'quantity' | 'points'>[]): number =>
  lines.reduce((sum, l) => sum + l.quantity * l.points, 0);

/** Σ quantity × co-pay of a basket's lines, in fen. */
export const basketCopayFen = (lines: readonly Pick<BasketLine, 'quantity' | 'copayFen'>[]): number =>
  lines.reduce((sum, l) => sum + l.quantity * l.copayFen, 0);

/** Why a record's basket does not hold together (its points are not its lines' total), or undefined. */
export function basketProblem(record: Pick<RedemptionRecord, 'points' | 'lines'>): string | undefined {
  if (!record.lines) return undefined;
  const total = basketPoints(record.lines);
  if (total !== record.points) return `points ${record.points} is not the lines' total ${total}`;
  const ids = new Set(record.lines.map((l) => l.goodsId));
  if (ids.size !== record.lines.length) return 'each good once per basket';
  return undefined;
}

/** A basket's lines as one signed field: `goodsId*quantity*points*copayFen`, joined by `;`, in order. */
export const basketField = (lines: readonly BasketLine[]): string =>
  lines.map((l) => `${l.goodsId}*${l.quantity}*${l.points}*${l.copayFen}`).join(';');

/**
 * The exact text the device signs, fields in the spec's order joined by `\n`; a basket (v2)
 * under its own domain with its lines as an eleventh field.
 */
export function redemptionSigningText(record: UnsignedRedemptionRecord): string {
  return [
    record.lines ? BASKET_SIGNATURE_DOMAIN : REDEMPTION_SIGNATURE_DOMAIN,
    record.id,
    record.voucher,
    String(record.points),
    record.offerId ?? '',
    String(record.billFen),
    String(record.discountFen),
    String(record.scannedAt),
    record.deviceId,
    String(record.seq),
    ...(record.lines ? [basketField(record.lines)] : []),
  ].join('\n');
}

export function signRedemptionRecord(
  record: UnsignedRedemptionRecord,
  deviceSeed: Uint8Array,
  primitive: Ed25519Primitive,
): RedemptionRecord {
  const unsigned = RedemptionRecord.omit({ sig: true }).parse(record);
  const problem = basketProblem(unsigned);
  if (problem) throw new Error(`cannot sign this basket: ${problem}`);
  const sig = requireSigner(primitive).sign(utf8(redemptionSigningText(unsigned)), deviceSeed);
  return { ...unsigned, sig: toBase64url(sig) };
}

/** Whether `record.sig` is the device's signature over the record as it stands now. */
export function verifyRedemptionRecord(
  record: RedemptionRecord,
  devicePublicKey: Uint8Array,
  primitive: Ed25519Primitive,
): boolean {
  let signature: Uint8Array;
  try {
    signature = fromBase64url(record.sig);
  } catch {
    return false;
  }
  if (signature.length !== 64 || devicePublicKey.length !== 32) return false;
  return primitive.verify(signature, utf8(redemptionSigningText(record)), devicePublicKey);
}
