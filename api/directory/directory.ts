/**
 * The alliance's directory: residents and households, merchants with their offers and limits,
 * devices. Plain functions over a query handle, scoped by alliance; they record nothing in the
 * audit log and open no transaction of their own — the application layer does both.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { devices, households, merchants, offers, residents } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { type OfferInput, offerColumns } from './offers.ts';

/** Resident enrollment slips are printed and handed over; a week is enough to use one. */
export const RESIDENT_CODE_TTL_SECONDS = 7 * 24 * 3600;
export const DEVICE_CODE_TTL_SECONDS = 7 * 24 * 3600;
const FIRST_MERCHANT_NUMBER = 1001;

export interface NewResident {
  name: string;
  phone?: string | undefined;
  householdId?: string | undefined;
}

export interface ResidentChanges {
  name?: string | undefined;
  phone?: string | null | undefined;
  /** null takes the resident out of their household. */
  householdId?: string | null | undefined;
}

export interface MerchantChanges {
  name?: string | undefined;
  address?: string | null | undefined;
}

export interface OfflineLimitsInput {
  perCapture: number;
  perDeviceDay: number;
}

export async function findResident(db: Queryable, allianceId: string, id: string) {
  const [row] = await db
    .select()
    .from(residents)
    .where(and(eq(residents.id, id), eq(residents.allianceId, allianceId)));
  return row;
}

export async function findMerchant(db: Queryable, allianceId: string, id: string) {
  const [row] = await db
    .select()
    .from(merchants)
    .where(and(eq(merchants.id, id), eq(merchants.allianceId, allianceId)));
  return row;
}

async function requireHousehold(db: Queryable, allianceId: string, id: string): Promise<void> {
  const [h] = await db
    .select({ id: households.id })
    .from(households)
    .where(and(eq(households.id, id), eq(households.allianceId, allianceId)));
  if (!h) throw new AppError('household_not_found', { detail: 'No such household.' });
}

export async function requireMerchant(db: Queryable, allianceId: string, id: string) {
  const merchant = await findMerchant(db, allianceId, id);
  if (!merchant) throw new AppError('merchant_not_found', { detail: 'No such merchant.' });
  return merchant;
}

export async function requireResident(db: Queryable, allianceId: string, id: string) {
  const resident = await findResident(db, allianceId, id);
  if (!resident) throw new AppError('resident_not_found', { detail: 'No such resident.' });
  return resident;
}

export async function addResident(db: Queryable, allianceId: string, input: NewResident) {
  if (input.householdId) await requireHousehold(db, allianceId, input.householdId);
  const [row] = await db
    .insert(residents)
    .values({
      allianceId,
      name: input.name,
      phone: input.phone ?? null,
      householdId: input.householdId ?? null,
    })
    .returning();
  return row!;
}

/**
 * What a change to a resident means, worked out before its transaction: whether the resident is
 * joining a household from an account of their own (then their free points move with them).
 */
export async function planResidentChange(
  db: Queryable,
  allianceId: string,
  id: string,
  changes: ResidentChanges,
) {
  const current = await requireResident(db, allianceId, id);
  const joining =
    changes.householdId && changes.householdId !== current.householdId ? changes.householdId : null;
  if (joining) await requireHousehold(db, allianceId, joining);
  return { joiningFromOwnAccount: joining && !current.householdId ? joining : null };
}

export async function changeResident(
  db: Queryable,
  allianceId: string,
  id: string,
  changes: ResidentChanges,
) {
  const { name, phone, householdId } = changes;
  const [row] = await db
    .update(residents)
    .set({
      ...(name !== undefined ? { name } : {}),
      ...(phone !== undefined ? { phone } : {}),
      ...(householdId !== undefined ? { householdId } : {}),
    })
    .where(and(eq(residents.id, id), eq(residents.allianceId, allianceId)))
    .returning();
  return row!;
}

export async function addHousehold(db: Queryable, allianceId: string, name: string) {
  const [row] = await db.insert(households).values({ allianceId, name }).returning();
  return row!;
}

export async function addMerchant(
  db: Queryable,
  allianceId: string,
  input: { name: string; address?: string | undefined; offers?: OfferInput[] | undefined },
) {
  const codes = (input.offers ?? []).map((o) => o.code);
  if (new Set(codes).size !== codes.length) {
    throw new AppError('offer_code_taken', { detail: 'Two offers share one code. Give each its own code.' });
  }
  // The next number in one statement; the unique index turns a race into a retryable error.
  const [row] = await db
    .insert(merchants)
    .values({
      allianceId,
      name: input.name,
      address: input.address ?? null,
      number: sql`(select coalesce(max(${merchants.number}), ${FIRST_MERCHANT_NUMBER - 1}) + 1 from ${merchants} where ${merchants.allianceId} = ${allianceId})`,
    })
    .returning();
  if (input.offers?.length) {
    await db
      .insert(offers)
      .values(input.offers.map((o) => ({ ...offerColumns(o), allianceId, merchantId: row!.id })));
  }
  return row!;
}

export async function changeMerchant(
  db: Queryable,
  allianceId: string,
  id: string,
  changes: MerchantChanges,
) {
  const [row] = await db
    .update(merchants)
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.address !== undefined ? { address: changes.address } : {}),
    })
    .where(and(eq(merchants.id, id), eq(merchants.allianceId, allianceId)))
    .returning();
  if (!row) throw new AppError('merchant_not_found', { detail: 'No such merchant.' });
  return row;
}

export async function setOfflineLimits(
  db: Queryable,
  allianceId: string,
  id: string,
  limits: OfflineLimitsInput,
) {
  const [row] = await db
    .update(merchants)
    .set({ offlineMaxPointsPerCapture: limits.perCapture, offlineMaxPointsPerDeviceDay: limits.perDeviceDay })
    .where(and(eq(merchants.id, id), eq(merchants.allianceId, allianceId)))
    .returning();
  if (!row) throw new AppError('merchant_not_found', { detail: 'No such merchant.' });
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

export async function addOffer(db: Queryable, allianceId: string, merchantId: string, input: OfferInput) {
  const [existing] = await db
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.merchantId, merchantId), eq(offers.code, input.code)));
  if (existing) {
    throw new AppError('offer_code_taken', {
      detail: `This merchant already has an offer with the code "${input.code}". Choose another code.`,
    });
  }
  const [row] = await db
    .insert(offers)
    .values({ ...offerColumns(input), allianceId, merchantId })
    .returning();
  return row!;
}

export async function revokeDevice(db: Queryable, allianceId: string, deviceId: string, clock: Clock) {
  const [row] = await db
    .update(devices)
    .set({ revokedAt: clock.now() })
    .where(and(eq(devices.id, deviceId), eq(devices.allianceId, allianceId)))
    .returning();
  if (!row) throw new AppError('device_not_found', { detail: 'No such device.' });
  return row;
}
