/**
 * Alliance voucher v1 (docs/voucher-spec.md): the 96-byte binary layout, its "95…" digit text,
 * signing, and verification against a key index.
 *
 * Promises: `verifyVoucher` checks in exactly the spec's order and reports the first failure
 * as a result, never by throwing, allocating little enough that node:crypto's signature check
 * dominates its cost; `decodeVoucher` throws only `VoucherError`. Signing and verifying run
 * with whichever Ed25519 primitive the caller passes in.
 */
import { base10DecodedLength, decodeBase10Into, encodeBase10 } from './base10.ts';
import { fromBase64url, fromHex, toHex, utf8 } from './bytes.ts';
import { VoucherError, type VoucherErrorCode } from './errors.ts';
import { type KeyIndex, keyCoversIssuedAt, type VoucherKey } from './jwks.ts';
import { type Ed25519Primitive, requireSigner } from './signature-primitive.ts';

export const VOUCHER_PREFIX = '95';
export const VOUCHER_VERSION = 1;
export const VOUCHER_BYTES = 96;
/** Bytes 0…31 are signed; 32…95 hold the signature. */
export const VOUCHER_SIGNED_BYTES = 32;
export const VOUCHER_SIGNATURE_DOMAIN = 'alliance-voucher-v1';
/** The spec's default clock skew, in seconds. */
export const DEFAULT_SKEW_SECONDS = 120;

const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;
const DOMAIN = utf8(VOUCHER_SIGNATURE_DOMAIN);
const MESSAGE_BYTES = DOMAIN.length + VOUCHER_SIGNED_BYTES;

/** A decoded voucher, as the spec names its fields. */
export interface Voucher {
  version: 1;
  /** The signing key's first 4 thumbprint bytes, 8 lowercase hex. */
  kid: string;
  /** 24 lowercase hex; its last 8 are the short id a resident reads out. */
  voucherId: string;
  capPoints: number;
  issuedAt: number;
  ttlSeconds: number;
  expiresAt: number;
  merchantScope: number;
}

export interface VoucherInput {
  /** The signing key's full thumbprint or its first 4 bytes as 8 hex. */
  kid: string;
  voucherId: string;
  capPoints: number;
  issuedAt: number;
  ttlSeconds: number;
  merchantScope: number;
}

export type VerifyResult =
  | { ok: true; voucher: Voucher; key: VoucherKey }
  | { ok: false; error: VoucherErrorCode };

export interface VerifyOptions {
  keys: KeyIndex;
  primitive: Ed25519Primitive;
  /** Unix seconds. */
  now: number;
  skew?: number;
}

// The hot path decodes into one buffer laid out as the signed message followed by the
// signature, so verifying needs no copy. JavaScript runs this synchronously to the end, and
// every result is copied out before returning, so sharing the buffer between calls is safe.
const scratch = new Uint8Array(DOMAIN.length + VOUCHER_BYTES);
scratch.set(DOMAIN);
const scratchVoucher = scratch.subarray(DOMAIN.length);
const scratchMessage = scratch.subarray(0, MESSAGE_BYTES);
const scratchSignature = scratch.subarray(MESSAGE_BYTES);

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c;
}

/** Steps 1–3 into `scratchVoucher`: the error, or null when the 96 bytes are well formed. */
function decodeIntoScratch(text: string): VoucherErrorCode | null {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end - start < 2 || text.charCodeAt(start) !== 0x39 || text.charCodeAt(start + 1) !== 0x35) {
    return 'malformed';
  }
  start += 2;
  const length = base10DecodedLength(end - start);
  if (length <= 0) return 'malformed';
  // Only a wrong-length text needs its own buffer: its version byte still decides the error.
  const out = length === VOUCHER_BYTES ? scratchVoucher : new Uint8Array(length);
  if (!decodeBase10Into(text, start, end, out, 0)) return 'malformed';
  if (out[0] !== VOUCHER_VERSION) return 'unsupported_version';
  if (length !== VOUCHER_BYTES || out[1] !== 0) return 'malformed';
  if (u32(out, 18) === 0 || u16(out, 26) === 0) return 'malformed';
  return null;
}

function fieldsOf(b: Uint8Array): Voucher {
  const issuedAt = u32(b, 22);
  const ttlSeconds = u16(b, 26);
  return {
    version: 1,
    kid: toHex(b, 2, 6),
    voucherId: toHex(b, 6, 18),
    capPoints: u32(b, 18),
    issuedAt,
    ttlSeconds,
    expiresAt: issuedAt + ttlSeconds,
    merchantScope: u32(b, 28),
  };
}

/** Step 4 and 5: the key that signed it, or the error. */
function findSigner(keys: KeyIndex, primitive: Ed25519Primitive): VoucherKey | VoucherErrorCode {
  const candidates = keys.byKid4.get(u32(scratchVoucher, 2));
  const issuedAt = u32(scratchVoucher, 22);
  let found = false;
  for (const key of candidates ?? []) {
    if (!keyCoversIssuedAt(key, issuedAt)) continue;
    found = true;
    if (primitive.verify(scratchSignature, scratchMessage, key.publicKey)) return key;
  }
  return found ? 'bad_signature' : 'unknown_key';
}

function timeError(now: number, skew: number): VoucherErrorCode | null {
  const issuedAt = u32(scratchVoucher, 22);
  if (now < issuedAt - skew) return 'not_yet_valid';
  if (now > issuedAt + u16(scratchVoucher, 26) + skew) return 'expired';
  return null;
}

/** Verifies a voucher text in the spec's order; the first failure is the result. */
export function verifyVoucher(text: string, options: VerifyOptions): VerifyResult {
  const malformed = decodeIntoScratch(text);
  if (malformed) return { ok: false, error: malformed };
  const signer = findSigner(options.keys, options.primitive);
  if (typeof signer === 'string') return { ok: false, error: signer };
  const late = timeError(options.now, options.skew ?? DEFAULT_SKEW_SECONDS);
  if (late) return { ok: false, error: late };
  return { ok: true, voucher: fieldsOf(scratchVoucher), key: signer };
}

/**
 * Decodes without checking key, signature or time (steps 1–3 only): for display and for the
 * API to read a voucher it will verify anyway. Throws VoucherError.
 */
export function decodeVoucher(text: string): { bytes: Uint8Array; voucher: Voucher } {
  const error = decodeIntoScratch(text);
  if (error) throw new VoucherError(error);
  const bytes = scratchVoucher.slice();
  return { bytes, voucher: fieldsOf(bytes) };
}

export const encodeVoucher = (bytes: Uint8Array): string => VOUCHER_PREFIX + encodeBase10(bytes);

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}

function kidBytes(kid: string): Uint8Array {
  if (/^[0-9a-f]{8}$/.test(kid)) return fromHex(kid);
  if (/^[A-Za-z0-9_-]{43}$/.test(kid)) return fromBase64url(kid).subarray(0, 4);
  throw new RangeError('kid must be 8 lowercase hex or a 43-character base64url thumbprint');
}

/** Bytes 0…31, the signed part. Throws RangeError on a field the spec does not allow. */
export function voucherBody(input: VoucherInput): Uint8Array {
  if (!/^[0-9a-f]{24}$/.test(input.voucherId)) throw new RangeError('voucherId must be 24 lowercase hex');
  checkRange('capPoints', input.capPoints, 1, U32_MAX);
  checkRange('issuedAt', input.issuedAt, 0, U32_MAX);
  checkRange('ttlSeconds', input.ttlSeconds, 1, U16_MAX);
  checkRange('merchantScope', input.merchantScope, 0, U32_MAX);
  const body = new Uint8Array(VOUCHER_SIGNED_BYTES);
  const view = new DataView(body.buffer);
  body[0] = VOUCHER_VERSION;
  body[1] = 0;
  body.set(kidBytes(input.kid), 2);
  body.set(fromHex(input.voucherId), 6);
  view.setUint32(18, input.capPoints);
  view.setUint32(22, input.issuedAt);
  view.setUint16(26, input.ttlSeconds);
  view.setUint32(28, input.merchantScope);
  return body;
}

/** What the signature covers: the domain string ‖ bytes 0…31. */
export function voucherSigningMessage(body: Uint8Array): Uint8Array {
  const message = new Uint8Array(MESSAGE_BYTES);
  message.set(DOMAIN);
  message.set(body.subarray(0, VOUCHER_SIGNED_BYTES), DOMAIN.length);
  return message;
}

export interface SignedVoucher {
  text: string;
  bytes: Uint8Array;
  voucher: Voucher;
}

/** Signs with a 32-byte Ed25519 seed. The caller vouches that `kid` belongs to that seed. */
export function signVoucher(
  input: VoucherInput,
  seed: Uint8Array,
  primitive: Ed25519Primitive,
): SignedVoucher {
  const body = voucherBody(input);
  const signature = requireSigner(primitive).sign(voucherSigningMessage(body), seed);
  const bytes = new Uint8Array(VOUCHER_BYTES);
  bytes.set(body);
  bytes.set(signature, VOUCHER_SIGNED_BYTES);
  return { text: encodeVoucher(bytes), bytes, voucher: fieldsOf(bytes) };
}
