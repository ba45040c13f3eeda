/**
 * Base10-56, the digits-only transport of docs/voucher-spec.md: each 7-byte chunk, big-endian, as
 * exactly 17 decimal digits; a final chunk of k bytes (1..6) as 3, 5, 8, 10, 13 or 15 digits.
 * Decoding is strict: one text decodes to one byte string or to nothing, so a scanned code that
 * was altered in any way is `malformed`, never a different voucher.
 *
 * The decoder avoids BigInt and allocation: a 17-digit group is read as two doubles and split
 * into two 28-bit halves exactly, which keeps the codec's share of a verification small.
 */
import { VoucherError } from './errors.ts';

const CHUNK_BYTES = 7;
const CHUNK_DIGITS = 17;
/** Digits of a final chunk, indexed by its byte count. */
const TAIL_DIGITS = [0, 3, 5, 8, 10, 13, 15] as const;
/** Bytes of a final chunk, indexed by its digit count; -1 where that count is not allowed. */
const TAIL_BYTES = (() => {
  const t = new Int8Array(CHUNK_DIGITS).fill(-1);
  TAIL_DIGITS.forEach((digits, bytes) => {
    t[digits] = bytes;
  });
  return t;
})();
const TWO_POW_20 = 0x100000;
const TWO_POW_28 = 0x10000000;

/** Bytes that `digitCount` digits decode to, or -1 when no byte string has that length. */
export function base10DecodedLength(digitCount: number): number {
  const tail = TAIL_BYTES[digitCount % CHUNK_DIGITS]!;
  return tail < 0 ? -1 : Math.floor(digitCount / CHUNK_DIGITS) * CHUNK_BYTES + tail;
}

export function encodeBase10(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + CHUNK_BYTES <= bytes.length; i += CHUNK_BYTES) {
    let v = 0n;
    for (let j = 0; j < CHUNK_BYTES; j++) v = (v << 8n) | BigInt(bytes[i + j]!);
    out += v.toString().padStart(CHUNK_DIGITS, '0');
  }
  const k = bytes.length - i;
  if (k > 0) {
    // At most 6 bytes: below 2^48, exact as a double.
    let v = 0;
    for (let j = 0; j < k; j++) v = v * 256 + bytes[i + j]!;
    out += v.toString().padStart(TAIL_DIGITS[k]!, '0');
  }
  return out;
}

/** The value of `count` (≤ 15) ASCII digits at `from`, or -1 if any is not a digit. */
function readDigits(text: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Writes one 17-digit group as 7 bytes; false if it holds a non-digit or a value ≥ 2^56. */
function decodeChunk(text: string, from: number, out: Uint8Array, at: number): boolean {
  const hi = readDigits(text, from, 9);
  const lo = readDigits(text, from + 9, 8);
  if (hi < 0 || lo < 0) return false;
  // value = hi·10^8 + lo = (hi·390625)·2^8 + lo, where hi·390625 < 2^49 is exact.
  const p = hi * 390625;
  let low = (p % TWO_POW_20) * 256 + lo;
  let high = Math.floor(p / TWO_POW_20);
  high += Math.floor(low / TWO_POW_28);
  low %= TWO_POW_28;
  if (high >= TWO_POW_28) return false;
  out[at] = high >>> 20;
  out[at + 1] = (high >>> 12) & 0xff;
  out[at + 2] = (high >>> 4) & 0xff;
  out[at + 3] = ((high & 0xf) << 4) | (low >>> 24);
  out[at + 4] = (low >>> 16) & 0xff;
  out[at + 5] = (low >>> 8) & 0xff;
  out[at + 6] = low & 0xff;
  return true;
}

function decodeTail(text: string, from: number, digits: number, out: Uint8Array, at: number): boolean {
  const k = TAIL_BYTES[digits]!;
  let v = readDigits(text, from, digits);
  if (v < 0 || v >= 2 ** (8 * k)) return false;
  for (let j = k - 1; j >= 0; j--) {
    out[at + j] = v % 256;
    v = Math.floor(v / 256);
  }
  return true;
}

/**
 * Decodes text[start, end) into `out` at `offset`, which must have room for
 * `base10DecodedLength(end - start)` bytes. Returns false (never throws) on anything the spec
 * rejects; `out` may then hold partial garbage.
 */
export function decodeBase10Into(
  text: string,
  start: number,
  end: number,
  out: Uint8Array,
  offset: number,
): boolean {
  const digits = end - start;
  if (base10DecodedLength(digits) < 0) return false;
  let p = start;
  let at = offset;
  for (; p + CHUNK_DIGITS <= end; p += CHUNK_DIGITS, at += CHUNK_BYTES) {
    if (!decodeChunk(text, p, out, at)) return false;
  }
  return p === end || decodeTail(text, p, end - p, out, at);
}

/** Strict decode of a whole digit string; throws VoucherError('malformed'). */
export function decodeBase10(digits: string): Uint8Array {
  const length = base10DecodedLength(digits.length);
  if (length < 0) throw new VoucherError('malformed', `no byte string is ${digits.length} digits long`);
  const out = new Uint8Array(length);
  if (!decodeBase10Into(digits, 0, digits.length, out, 0)) {
    throw new VoucherError('malformed', 'not Base10-56: a non-digit or a group out of range');
  }
  return out;
}
