/**
 * Household card v1 (docs/voucher.md, "Household cards (96…)"): a printed card's QR, an
 * alliance-signed identity — which card, whose, since when — and never a value. Same Base10
 * digits and the same signing keys as vouchers, but its own prefix `96` and its own signature
 * domain, so a card is never read as a voucher nor a voucher as a card, and a signature made for
 * one can never verify as the other.
 *
 * Also the printed card number: 16 digits a cashier can type, derived from the card id, with a
 * Luhn check digit so one mistyped digit or a swap of two neighbours is caught before asking.
 *
 * Promises: decoding is strict (one text, one card or nothing); `verifyCard` reports the first
 * failure as a result and never throws; signing and verifying run with the primitive passed in.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { base10DecodedLength, decodeBase10Into, encodeBase10 } from './base10.ts';
import { fromBase64url, fromHex, toHex, utf8 } from './bytes.ts';
import { VoucherError, type VoucherErrorCode } from './errors.ts';
import { type KeyIndex, keyCoversIssuedAt, type VoucherKey } from './jwks.ts';
import { type Ed25519Primitive, requireSigner } from './signature-primitive.ts';

export const CARD_PREFIX = '96';
export const CARD_VERSION = 1;
export const CARD_BYTES = 106;
/** Bytes 0…41 are signed; 42…105 hold the signature. */
export const CARD_SIGNED_BYTES = 42;
export const CARD_SIGNATURE_DOMAIN = 'alliance-card-v1';
/** Digits of a card's text: the prefix and 106 bytes in Base10-56 (15 × 17 + 3). */
export const CARD_TEXT_DIGITS = 2 + 15 * 17 + 3;

const DOMAIN = utf8(CARD_SIGNATURE_DOMAIN);
const U32_MAX = 0xffffffff;

/** The verifying failures a card can have: a voucher's, less the time ones (a card does not expire). */
export type CardErrorCode = Extract<
  VoucherErrorCode,
  'malformed' | 'unsupported_version' | 'unknown_key' | 'bad_signature'
>;

export interface Card {
  version: 1;
  /** The signing key's first 4 thumbprint bytes, 8 lowercase hex. */
  kid: string;
  /** The card's id, a UUID (lowercase). */
  cardId: string;
  /** The resident who holds it, a UUID (lowercase). */
  holderId: string;
  /** Unix seconds, server clock at issue. */
  issuedAt: number;
}

export type CardInput = Omit<Card, 'version'>;

export type CardVerifyResult =
  | { ok: true; card: Card; key: VoucherKey }
  | { ok: false; error: CardErrorCode };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const uuidBytes = (id: string): Uint8Array => fromHex(id.replaceAll('-', ''));
function uuidOf(b: Uint8Array, from: number): string {
  const h = toHex(b, from, from + 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const u32 = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/** Whether a scanned text is meant as a card (its prefix): how a record tells a card from a voucher. */
export const isCardText = (text: string): boolean => text.trim().startsWith(CARD_PREFIX);

function fieldsOf(b: Uint8Array): Card {
  return {
    version: 1,
    kid: toHex(b, 2, 6),
    cardId: uuidOf(b, 6),
    holderId: uuidOf(b, 22),
    issuedAt: u32(b, 38),
  };
}

/** Prefix, digits, Base10-56, version, length, flags: the bytes, or the error. */
function decodeBytes(text: string): Uint8Array | CardErrorCode {
  const t = text.trim();
  if (!t.startsWith(CARD_PREFIX)) return 'malformed';
  const length = base10DecodedLength(t.length - CARD_PREFIX.length);
  if (length <= 0) return 'malformed';
  const out = new Uint8Array(length);
  if (!decodeBase10Into(t, CARD_PREFIX.length, t.length, out, 0)) return 'malformed';
  if (out[0] !== CARD_VERSION) return 'unsupported_version';
  if (length !== CARD_BYTES || out[1] !== 0) return 'malformed';
  return out;
}

/** Decodes without checking key or signature (for display). Throws VoucherError. */
export function decodeCard(text: string): { bytes: Uint8Array; card: Card } {
  const bytes = decodeBytes(text);
  if (typeof bytes === 'string') throw new VoucherError(bytes);
  return { bytes, card: fieldsOf(bytes) };
}

export function cardSigningMessage(bytes: Uint8Array): Uint8Array {
  const message = new Uint8Array(DOMAIN.length + CARD_SIGNED_BYTES);
  message.set(DOMAIN);
  message.set(bytes.subarray(0, CARD_SIGNED_BYTES), DOMAIN.length);
  return message;
}

/** Verifies in a voucher's order (prefix and digits, version, form, key, signature); the first failure is the result. */
export function verifyCard(
  text: string,
  options: { keys: KeyIndex; primitive: Ed25519Primitive },
): CardVerifyResult {
  const bytes = decodeBytes(text);
  if (typeof bytes === 'string') return { ok: false, error: bytes };
  const issuedAt = u32(bytes, 38);
  const message = cardSigningMessage(bytes);
  const signature = bytes.subarray(CARD_SIGNED_BYTES);
  let found = false;
  for (const key of options.keys.byKid4.get(u32(bytes, 2)) ?? []) {
    if (!keyCoversIssuedAt(key, issuedAt)) continue;
    found = true;
    if (options.primitive.verify(signature, message, key.publicKey)) {
      return { ok: true, card: fieldsOf(bytes), key };
    }
  }
  return { ok: false, error: found ? 'bad_signature' : 'unknown_key' };
}

function kidBytes(kid: string): Uint8Array {
  if (/^[0-9a-f]{8}$/.test(kid)) return fromHex(kid);
  if (/^[A-Za-z0-9_-]{43}$/.test(kid)) return fromBase64url(kid).subarray(0, 4);
  throw new RangeError('kid must be 8 lowercase hex or a 43-character base64url thumbprint');
}

/** Bytes 0…41. Throws RangeError on a field the format does not allow. */
export function cardBody(input: CardInput): Uint8Array {
  if (!UUID.test(input.cardId)) throw new RangeError('cardId must be a lowercase UUID');
  if (!UUID.test(input.holderId)) throw new RangeError('holderId must be a lowercase UUID');
  if (!Number.isInteger(input.issuedAt) || input.issuedAt < 0 || input.issuedAt > U32_MAX) {
    throw new RangeError(`issuedAt must be whole Unix seconds, got ${input.issuedAt}`);
  }
  const body = new Uint8Array(CARD_SIGNED_BYTES);
  body[0] = CARD_VERSION;
  body[1] = 0;
  body.set(kidBytes(input.kid), 2);
  body.set(uuidBytes(input.cardId), 6);
  body.set(uuidBytes(input.holderId), 22);
  new DataView(body.buffer).setUint32(38, input.issuedAt);
  return body;
}

export const encodeCard = (bytes: Uint8Array): string => CARD_PREFIX + encodeBase10(bytes);

/** Signs with a 32-byte Ed25519 seed; the caller vouches that `kid` belongs to it. */
export function signCard(
  input: CardInput,
  seed: Uint8Array,
  primitive: Ed25519Primitive,
): { text: string; bytes: Uint8Array; card: Card } {
  const body = cardBody(input);
  const bytes = new Uint8Array(CARD_BYTES);
  bytes.set(body);
  bytes.set(requireSigner(primitive).sign(cardSigningMessage(body), seed), CARD_SIGNED_BYTES);
  return { text: encodeCard(bytes), bytes, card: fieldsOf(bytes) };
}

// The printed number

const NUMBER_DOMAIN = utf8('alliance-card-number-v1');

/** The Luhn check digit of a digit string. */
export function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * The card's 16-digit number: `96`, 13 digits from SHA-256 of the card id (under its own domain),
 * and a Luhn check digit. The alliance keeps it unique (a clash, about one in ten million million,
 * is issued under a fresh card id).
 */
export function cardNumberOf(cardId: string): string {
  const id = uuidBytes(cardId);
  const input = new Uint8Array(NUMBER_DOMAIN.length + id.length);
  input.set(NUMBER_DOMAIN);
  input.set(id, NUMBER_DOMAIN.length);
  const h = sha256(input);
  let v = 0n;
  for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(h[i]!);
  const body = CARD_PREFIX + (v % 10n ** 13n).toString().padStart(13, '0');
  return body + luhnDigit(body);
}

/** A typed card number with spaces and dashes taken out, if it is 16 digits with a right check digit; else null. */
export function parseCardNumber(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  if (!/^96\d{14}$/.test(digits)) return null;
  return luhnDigit(digits.slice(0, 15)) === digits[15] ? digits : null;
}

/** `9612 3456 7890 1234`, as printed. */
export const formatCardNumber = (number: string): string => number.replace(/(\d{4})(?=\d)/g, '$1 ');

/** A name as the card prints it: the family name kept, the rest masked (王桂兰 → 王**; Li Na → L***). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, Math.min(chars.length - 1, 3)));
}
