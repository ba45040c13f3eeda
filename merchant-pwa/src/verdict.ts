/**
 * Scan to verdict: the shared verifier plus the merchant's own refusals, synchronously, so the
 * screen can answer in the same frame as the scan (the budget is 300 ms; this takes about 1).
 * Every scanning path (camera, keyboard-wedge scanner, paste) ends here.
 */
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import type { VoucherErrorCode } from '../../shared/errors.ts';
import type { KeyIndex } from '../../shared/jwks.ts';
import { type Voucher, verifyVoucher } from '../../shared/voucher.ts';

/** Why a scanned code cannot be taken, in the shopkeeper's terms. */
export type Refusal =
  | 'expired'
  | 'not_yet_valid'
  | 'not_alliance'
  | 'unknown_key'
  | 'newer_version'
  | 'damaged'
  | 'wrong_merchant'
  | 'already_taken';

export type Verdict =
  | { ok: true; text: string; voucher: Voucher; at: number }
  | { ok: false; text: string; refusal: Refusal; error?: VoucherErrorCode; at: number };

export interface VerdictContext {
  keys: KeyIndex;
  merchantNumber: number;
  skewSeconds: number;
  /** Unix ms by the server's clock, as well as this device can tell. */
  nowMs: number;
  /** Voucher ids this device has already taken (pending or accepted). */
  taken: ReadonlySet<string>;
}

/**
 * A damaged code still looks like one of ours (the prefix and about the right length); anything
 * else scanned (a payment code, a URL, a product barcode) is simply not an alliance code.
 */
function malformedRefusal(text: string): Refusal {
  const t = text.trim();
  return /^95\d{200,260}$/.test(t) ? 'damaged' : 'not_alliance';
}

const refusalOf: Record<VoucherErrorCode, (text: string) => Refusal> = {
  malformed: malformedRefusal,
  unsupported_version: () => 'newer_version',
  unknown_key: () => 'unknown_key',
  bad_signature: () => 'damaged',
  not_yet_valid: () => 'not_yet_valid',
  expired: () => 'expired',
};

export function judgeVoucher(text: string, context: VerdictContext): Verdict {
  const at = performance.now();
  const result = verifyVoucher(text, {
    keys: context.keys,
    primitive: ed25519Noble,
    now: Math.floor(context.nowMs / 1000),
    skew: context.skewSeconds,
  });
  const trimmed = text.trim();
  if (!result.ok)
    return { ok: false, text: trimmed, refusal: refusalOf[result.error](text), error: result.error, at };
  const { voucher } = result;
  // The verifier's skew is a grace for clocks, not more time to present: a code whose countdown
  // reached 0:00 is expired to the shopkeeper, never "valid, expires in 0:00".
  if (hasLapsed(voucher, context.nowMs))
    return { ok: false, text: trimmed, refusal: 'expired', error: 'expired', at };
  if (voucher.merchantScope !== 0 && voucher.merchantScope !== context.merchantNumber) {
    return { ok: false, text: trimmed, refusal: 'wrong_merchant', at };
  }
  if (context.taken.has(voucher.voucherId)) return { ok: false, text: trimmed, refusal: 'already_taken', at };
  return { ok: true, text: trimmed, voucher, at };
}

/** Whether the code's time to be presented is over, by the server's clock as this device estimates it. */
export function hasLapsed(voucher: Pick<Voucher, 'expiresAt'>, nowMs: number): boolean {
  return Math.floor(nowMs / 1000) >= voucher.expiresAt;
}

/** "1:42" until the voucher may no longer be presented (the skew is the verifier's grace, not shown). */
export function countdown(expiresAt: number, nowMs: number): string {
  const left = Math.max(0, expiresAt - Math.floor(nowMs / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  // A coupon's code lives two hours: 2:02:59, not 122:59.
  if (left >= 3600) return `${Math.floor(left / 3600)}:${two(Math.floor(left / 60) % 60)}:${two(left % 60)}`;
  return `${Math.floor(left / 60)}:${two(left % 60)}`;
}
