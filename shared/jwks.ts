/**
 * The alliance's published voucher keys: parsing a JWKS, RFC 7638 thumbprints (the `kid`), and
 * the key index the verifier looks keys up in by the voucher's 4 kid bytes.
 *
 * Promises: a key is indexed under its computed thumbprint, never under a `kid` string the
 * document merely claims; a document whose `kid` disagrees with the key is refused rather than
 * half-trusted. Building the index is set-up work; looking up is a Map get on the hot path.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { fromBase64url, toBase64url, utf8 } from './bytes.ts';

/** A public voucher key with its validity window for issuedAt (Unix seconds). */
export interface VoucherKey {
  /** Full base64url RFC 7638 thumbprint. */
  kid: string;
  /** The thumbprint's first 4 bytes, big-endian, as the voucher carries them. */
  kid4: number;
  publicKey: Uint8Array;
  nbf?: number;
  exp?: number;
}

export interface KeyIndex {
  keys: readonly VoucherKey[];
  byKid4: ReadonlyMap<number, readonly VoucherKey[]>;
}

export interface PublishedJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
  nbf?: number;
  exp?: number;
}

const seconds = z.number().int().nonnegative();
const Ed25519Jwk = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string(),
  kid: z.string().optional(),
  use: z.string().optional(),
  alg: z.string().optional(),
  nbf: seconds.optional(),
  exp: seconds.optional(),
});
const JwksDocument = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });

/** RFC 7638 thumbprint of an Ed25519 public key: SHA-256 of its canonical JWK members. */
export function jwkThumbprint(publicKey: Uint8Array): string {
  const canonical = `{"crv":"Ed25519","kty":"OKP","x":"${toBase64url(publicKey)}"}`;
  return toBase64url(sha256(utf8(canonical)));
}

export function kid4Of(kid: string): number {
  const b = fromBase64url(kid);
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

export function voucherKey(publicKey: Uint8Array, window: { nbf?: number; exp?: number } = {}): VoucherKey {
  if (publicKey.length !== 32) throw new TypeError('an Ed25519 public key is 32 bytes');
  const kid = jwkThumbprint(publicKey);
  const key: VoucherKey = { kid, kid4: kid4Of(kid), publicKey };
  if (window.nbf !== undefined) key.nbf = window.nbf;
  if (window.exp !== undefined) key.exp = window.exp;
  return key;
}

export function toPublishedJwk(key: VoucherKey): PublishedJwk {
  const jwk: PublishedJwk = {
    kty: 'OKP',
    crv: 'Ed25519',
    x: toBase64url(key.publicKey),
    kid: key.kid,
    use: 'sig',
    alg: 'EdDSA',
  };
  if (key.nbf !== undefined) jwk.nbf = key.nbf;
  if (key.exp !== undefined) jwk.exp = key.exp;
  return jwk;
}

/**
 * The voucher keys of a JWKS document. Members that are not Ed25519 signing keys (another
 * service's RSA key, an encryption key) are skipped; a malformed Ed25519 key or a wrong `kid`
 * throws, since silently dropping it would turn good vouchers into `unknown_key`.
 */
export function parseJwks(json: unknown): VoucherKey[] {
  const doc = JwksDocument.parse(json);
  const keys: VoucherKey[] = [];
  for (const member of doc.keys) {
    if (member.kty !== 'OKP' || member.crv !== 'Ed25519') continue;
    const jwk = Ed25519Jwk.parse(member);
    if ((jwk.use !== undefined && jwk.use !== 'sig') || (jwk.alg !== undefined && jwk.alg !== 'EdDSA'))
      continue;
    const key = voucherKey(fromBase64url(jwk.x), { nbf: jwk.nbf, exp: jwk.exp });
    if (jwk.kid !== undefined && jwk.kid !== key.kid) {
      throw new TypeError(`JWKS key ${jwk.kid} is not its RFC 7638 thumbprint (${key.kid})`);
    }
    keys.push(key);
  }
  return keys;
}

export function buildKeyIndex(keys: readonly VoucherKey[]): KeyIndex {
  const byKid4 = new Map<number, VoucherKey[]>();
  for (const key of keys) {
    const list = byKid4.get(key.kid4);
    if (list) list.push(key);
    else byKid4.set(key.kid4, [key]);
  }
  return { keys, byKid4 };
}

export const keyIndexFromJwks = (json: unknown): KeyIndex => buildKeyIndex(parseJwks(json));

/**
 * Whether the key may have signed a voucher issued at `issuedAt`: nbf ≤ issuedAt < exp, the
 * JWT reading of the two claims (RFC 7519: exp is the first instant no longer accepted).
 */
export const keyCoversIssuedAt = (key: VoucherKey, issuedAt: number): boolean =>
  (key.nbf === undefined || issuedAt >= key.nbf) && (key.exp === undefined || issuedAt < key.exp);
