/**
 * Access tokens: short-lived EdDSA JWTs (jose). The signing key is derived from the alliance
 * master secret with HKDF, so every API instance signs and verifies alike with no key table,
 * and it is never the voucher key (a stolen token key cannot mint vouchers, nor the reverse).
 * Verification pins the algorithm, issuer and audience: alg-confused or foreign tokens fail.
 */
import { createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Principal } from './principal.ts';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'alliance-api';
const AUDIENCE = 'alliance-api';
// PKCS#8 header of an Ed25519 private key; the 32-byte seed follows.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface TokenKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** HMAC key that derives a refresh token's successor from it (sessions.ts, the grace window). */
  rotationKey: Buffer;
}

export function deriveTokenKeys(masterKey: Uint8Array): TokenKeys {
  const seed = Buffer.from(hkdfSync('sha256', masterKey, 'alliance-auth', 'access-token-ed25519-v1', 32));
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const rotationKey = Buffer.from(hkdfSync('sha256', masterKey, 'alliance-auth', 'refresh-rotation-v1', 32));
  return { privateKey, publicKey: createPublicKey(privateKey), rotationKey };
}

/**
 * Signs an access token issued at `issuedAt` (default: now). Ed25519 is deterministic, so the same
 * principal and issue time give the very same token: the refresh grace window relies on it.
 */
export async function signAccessToken(
  keys: TokenKeys,
  principal: Principal,
  clock: Clock,
  issuedAt: Date = clock.now(),
): Promise<string> {
  const now = Math.floor(issuedAt.getTime() / 1000);
  return new SignJWT({
    role: principal.role,
    aid: principal.allianceId,
    ...('merchantId' in principal ? { mid: principal.merchantId } : {}),
  })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(principal.subjectId)
    .setIssuedAt(now)
    .setExpirationTime(now + ACCESS_TOKEN_TTL_SECONDS)
    .sign(keys.privateKey);
}

export const invalidToken = (why: string) =>
  new AppError('invalid_token', {
    message: why,
    detail: 'Your sign-in is not valid or has expired. Sign in again.',
  });

export async function verifyAccessToken(keys: TokenKeys, token: string, clock: Clock): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, keys.publicKey, {
      algorithms: ['EdDSA'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: clock.now(),
    });
    const { role, aid, sub, mid } = payload as {
      role?: unknown;
      aid?: unknown;
      sub?: unknown;
      mid?: unknown;
    };
    if (typeof aid !== 'string' || typeof sub !== 'string') throw invalidToken('token claims are incomplete');
    if (role === 'device') {
      if (typeof mid !== 'string') throw invalidToken('device token without its merchant');
      return { role, allianceId: aid, subjectId: sub, merchantId: mid };
    }
    if (role === 'coordinator' || role === 'staff' || role === 'resident') {
      return { role, allianceId: aid, subjectId: sub };
    }
    throw invalidToken('token claims are incomplete');
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof errors.JWTExpired) throw invalidToken('token expired');
    throw invalidToken(e instanceof Error ? e.message : 'token rejected');
  }
}
