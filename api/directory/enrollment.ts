/**
 * Single-use enrollment codes: a coordinator issues one for a resident or for a merchant's
 * device; the phone presents it once. Only a keyed hash (HMAC with a key derived from the
 * alliance master key) is stored: twelve digits are only 10¹² possibilities, so a plain hash of
 * a leaked table would be reversed in minutes, while the keyed one is useless without the key.
 */
import { createHash, createHmac, hkdfSync, randomInt } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { enrollmentCodes } from '../db/schema/index.ts';

export type EnrollmentKind = 'resident' | 'device';

/** Digits only, so it can be typed on a phone's number pad; grouped for reading aloud. */
const CODE_DIGITS = 12;

export function normalizeEnrollmentCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}

/** The HMAC key for enrollment codes, derived from the master key (never the key itself). */
export function enrollmentCodeKey(masterKey: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', masterKey, 'alliance-enrollment', 'code-hmac-v1', 32));
}

export function hashEnrollmentCode(codeKey: Uint8Array, code: string): string {
  return createHmac('sha256', codeKey).update(normalizeEnrollmentCode(code)).digest('hex');
}

/**
 * How codes issued before the keyed hash were stored (plain SHA-256). Such a code is still
 * honoured until it expires (30 days at most), so slips already handed out keep working.
 */
export function legacyEnrollmentCodeHash(code: string): string {
  return createHash('sha256').update(normalizeEnrollmentCode(code)).digest('hex');
}

export function formatEnrollmentCode(digits: string): string {
  return digits.match(/.{1,4}/g)!.join('-');
}

export async function issueEnrollmentCode(
  db: Queryable,
  input: {
    allianceId: string;
    kind: EnrollmentKind;
    subjectId: string;
    ttlSeconds: number;
    codeKey: Uint8Array;
  },
  clock: Clock,
): Promise<{ code: string; expiresAt: Date }> {
  const digits = Array.from({ length: CODE_DIGITS }, () => randomInt(10)).join('');
  const expiresAt = new Date(clock.now().getTime() + input.ttlSeconds * 1000);
  await db.insert(enrollmentCodes).values({
    codeHash: hashEnrollmentCode(input.codeKey, digits),
    allianceId: input.allianceId,
    kind: input.kind,
    subjectId: input.subjectId,
    expiresAt,
  });
  return { code: formatEnrollmentCode(digits), expiresAt };
}
