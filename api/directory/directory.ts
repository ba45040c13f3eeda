/**
 * The alliance's directory: residents and households, merchants with their offers, devices and
 * POS keys. Plain functions over a transaction; the routes and the console call the same ones.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { devices, households, merchants, offers, residents } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { audit } from './audit.ts';
import { issueEnrollmentCode } from './enrollment.ts';
import { type OfferInput, offerColumns } from './offers.ts';

/** Resident enrollment slips are printed and handed over; a week is enough to use one. */
export const RESIDENT_CODE_TTL_SECONDS = 7 * 24 * 3600;
export const DEVICE_CODE_TTL_SECONDS = 7 * 24 * 3600;
const FIRST_MERCHANT_NUMBER = 1001;

export const notFound = (what: string) =>
  new AppError('not_found', { status: 404, userMessage: `No such ${what}.` });

export async function createResident(
  db: Queryable,
  actor: Principal,
  input: { name: string; phone?: string | undefined; householdId?: string | undefined },
  clock: Clock,
) {
  if (input.householdId) {
    const [h] = await db
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.id, input.householdId), eq(households.allianceId, actor.allianceId)));
    if (!h) throw notFound('household');
  }
  const [row] = await db
    .insert(residents)
    .values({
      allianceId: actor.allianceId,
      name: input.name,
      phone: input.phone ?? null,
      householdId: input.householdId ?? null,
    })
    .returning();
  const { code, expiresAt } = await issueEnrollmentCode(
    db,
    {
      allianceId: actor.allianceId,
      kind: 'resident',
      subjectId: row!.id,
      ttlSeconds: RESIDENT_CODE_TTL_SECONDS,
    },
    clock,
  );
  await audit(db, actor, 'resident.create', row!.id, { name: input.name });
  return { resident: row!, enrollmentCode: code, enrollmentCodeExpiresAt: expiresAt };
}

export async function createHousehold(db: Queryable, actor: Principal, input: { name: string }) {
  const [row] = await db
    .insert(households)
    .values({ allianceId: actor.allianceId, name: input.name })
    .returning();
  await audit(db, actor, 'household.create', row!.id, { name: input.name });
  return row!;
}

export async function findResident(db: Queryable, allianceId: string, id: string) {
  const [row] = await db
    .select()
    .from(residents)
    .where(and(eq(residents.id, id), eq(residents.allianceId, allianceId)));
  return row;
}

export async function createMerchant(
  db: Queryable,
  actor: Principal,
  input: { name: string; address?: string | undefined; offers?: OfferInput[] | undefined },
) {
  // The next number in one statement; the unique index turns a race into a retryable error.
  const [row] = await db
    .insert(merchants)
    .values({
      allianceId: actor.allianceId,
      name: input.name,
      address: input.address ?? null,
      number: sql`(select coalesce(max(${merchants.number}), ${FIRST_MERCHANT_NUMBER - 1}) + 1 from ${merchants} where ${merchants.allianceId} = ${actor.allianceId})`,
    })
    .returning();
  if (input.offers?.length) {
    await db
      .insert(offers)
      .values(
        input.offers.map((o) => ({ ...offerColumns(o), allianceId: actor.allianceId, merchantId: row!.id })),
      );
  }
  await audit(db, actor, 'merchant.create', row!.id, { name: input.name, number: row!.number });
  return row!;
}

export async function findMerchant(db: Queryable, allianceId: string, id: string) {
  const [row] = await db
    .select()
    .from(merchants)
    .where(and(eq(merchants.id, id), eq(merchants.allianceId, allianceId)));
  return row;
}

export async function merchantOffers(db: Queryable, merchantId: string, { activeOnly = true } = {}) {
  return db
    .select()
    .from(offers)
    .where(
      activeOnly
        ? and(eq(offers.merchantId, merchantId), eq(offers.active, true))
        : eq(offers.merchantId, merchantId),
    )
    .orderBy(asc(offers.createdAt), asc(offers.code));
}

export async function addOffer(db: Queryable, actor: Principal, merchantId: string, input: OfferInput) {
  const [existing] = await db
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.merchantId, merchantId), eq(offers.code, input.code)));
  if (existing) {
    throw new AppError('offer_code_taken', {
      status: 409,
      userMessage: `This merchant already has an offer with the code "${input.code}". Choose another code.`,
    });
  }
  const [row] = await db
    .insert(offers)
    .values({ ...offerColumns(input), allianceId: actor.allianceId, merchantId })
    .returning();
  await audit(db, actor, 'offer.create', row!.id, { merchantId, code: input.code });
  return row!;
}

export async function issueDeviceEnrollment(
  db: Queryable,
  actor: Principal,
  merchantId: string,
  clock: Clock,
) {
  const issued = await issueEnrollmentCode(
    db,
    {
      allianceId: actor.allianceId,
      kind: 'device',
      subjectId: merchantId,
      ttlSeconds: DEVICE_CODE_TTL_SECONDS,
    },
    clock,
  );
  await audit(db, actor, 'device.enrollment_code', merchantId);
  return issued;
}

export async function revokeDevice(db: Queryable, actor: Principal, deviceId: string, clock: Clock) {
  const [row] = await db
    .update(devices)
    .set({ revokedAt: clock.now() })
    .where(and(eq(devices.id, deviceId), eq(devices.allianceId, actor.allianceId)))
    .returning();
  if (!row) throw notFound('device');
  await audit(db, actor, 'device.revoke', deviceId);
  return row;
}
