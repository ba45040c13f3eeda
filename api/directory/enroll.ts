/**
 * Enrollment: a phone presents a single-use code and becomes a resident's phone or a merchant's
 * device. Claiming the code is one conditional UPDATE, so two phones racing with the same code
 * cannot both win.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { devices, enrollmentCodes, merchants } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { type EnrollmentKind, hashEnrollmentCode, legacyEnrollmentCodeHash } from './enrollment.ts';

const badCode = () =>
  new AppError('invalid_enrollment_code', {
    detail: 'This enrollment code is wrong, already used or expired. Ask the community staff for a new one.',
  });

async function claimCode(
  db: Queryable,
  code: string,
  kind: EnrollmentKind,
  codeKey: Uint8Array,
  clock: Clock,
) {
  const now = clock.now();
  const [row] = await db
    .update(enrollmentCodes)
    .set({ usedAt: now })
    .where(
      and(
        inArray(enrollmentCodes.codeHash, [
          hashEnrollmentCode(codeKey, code),
          legacyEnrollmentCodeHash(code),
        ]),
        eq(enrollmentCodes.kind, kind),
        isNull(enrollmentCodes.usedAt),
        gt(enrollmentCodes.expiresAt, now),
      ),
    )
    .returning();
  if (!row) throw badCode();
  return row;
}

export async function enrollResident(
  db: Queryable,
  input: { code: string; codeKey: Uint8Array },
  clock: Clock,
): Promise<Principal> {
  const row = await claimCode(db, input.code, 'resident', input.codeKey, clock);
  return { role: 'resident', allianceId: row.allianceId, subjectId: row.subjectId };
}

/** Ed25519 public keys are 32 bytes; base64url without padding is 43 characters. */
export function parseDevicePublicKey(publicKey: string): Uint8Array {
  const bytes = Buffer.from(publicKey, 'base64url');
  if (!/^[A-Za-z0-9_-]{43}$/.test(publicKey) || bytes.length !== 32) {
    throw new AppError('invalid_public_key', {
      detail: 'The device key must be a 32-byte Ed25519 public key in base64url (43 characters).',
    });
  }
  return bytes;
}

export async function enrollDevice(
  db: Queryable,
  input: { code: string; publicKey: string; name?: string | undefined; codeKey: Uint8Array },
  clock: Clock,
): Promise<{ principal: Principal; deviceId: string; merchantNumber: number }> {
  parseDevicePublicKey(input.publicKey);
  const row = await claimCode(db, input.code, 'device', input.codeKey, clock);
  const [merchant] = await db.select().from(merchants).where(eq(merchants.id, row.subjectId));
  if (!merchant) throw badCode();
  const deviceId = `dev_${randomBytes(6).toString('hex')}`;
  await db.insert(devices).values({
    id: deviceId,
    allianceId: row.allianceId,
    merchantId: merchant.id,
    name: input.name?.trim() || `${merchant.name} 设备`,
    publicKey: input.publicKey,
    enrolledAt: clock.now(),
  });
  return {
    principal: { role: 'device', allianceId: row.allianceId, subjectId: deviceId, merchantId: merchant.id },
    deviceId,
    merchantNumber: merchant.number,
  };
}
