/**
 * Single-use enrollment codes: a coordinator issues one for a resident or for a merchant's
 * device; the phone presents it once. Only a hash is stored, so a database leak enrolls nobody.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { enrollmentCodes } from '../db/schema/index.ts';

export type EnrollmentKind = 'resident' | 'device';

/** Digits only, so it can be typed on a phone's number pad; grouped for reading aloud. */
const CODE_DIGITS = 12;

export function normalizeEnrollmentCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}

export function hashEnrollmentCode(code: string): string {
  return createHash('sha256').update(normalizeEnrollmentCode(code)).digest('hex');
}

export function formatEnrollmentCode(digits: string): string {
  return digits.match(/.{1,4}/g)!.join('-');
}

export async function issueEnrollmentCode(
  db: Queryable,
  input: { allianceId: string; kind: EnrollmentKind; subjectId: string; ttlSeconds: number },
  clock: Clock,
): Promise<{ code: string; expiresAt: Date }> {
  const digits = Array.from({ length: CODE_DIGITS }, () => randomInt(10)).join('');
  const expiresAt = new Date(clock.now().getTime() + input.ttlSeconds * 1000);
  await db.insert(enrollmentCodes).values({
    codeHash: hashEnrollmentCode(digits),
    allianceId: input.allianceId,
    kind: input.kind,
    subjectId: input.subjectId,
    expiresAt,
  });
  return { code: formatEnrollmentCode(digits), expiresAt };
}
