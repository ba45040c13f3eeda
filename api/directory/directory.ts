/**
 * The alliance's directory: residents and households, merchants with their offers, devices and
 * POS keys. Plain functions over a transaction; the routes and the console call the same ones.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { devices, holds, households, merchants, offers, residents } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { ensureAccount } from '../ledger/accounts.ts';
import { ledgerTransaction } from '../ledger/transaction.ts';
import { creditHolder, debitHolder, freeBalanceForUpdate, postTransfers } from '../ledger/transfers.ts';
import { audit } from './audit.ts';
import { issueEnrollmentCode } from './enrollment.ts';
import { type OfferInput, offerColumns } from './offers.ts';

/** Resident enrollment slips are printed and handed over; a week is enough to use one. */
export const RESIDENT_CODE_TTL_SECONDS = 7 * 24 * 3600;
export const DEVICE_CODE_TTL_SECONDS = 7 * 24 * 3600;
const FIRST_MERCHANT_NUMBER = 1001;

export const notFound = (what: string) => new AppError('not_found', { detail: `No such ${what}.` });

export async function createResident(
  db: Queryable,
  actor: Principal,
  input: { name: string; phone?: string | undefined; householdId?: string | undefined },
  codeKey: Uint8Array,
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
      codeKey,
    },
    clock,
  );
  await audit(db, actor, 'resident.create', row!.id, { name: input.name });
  return { resident: row!, enrollmentCode: code, enrollmentCodeExpiresAt: expiresAt };
}

export interface ResidentChanges {
  name?: string | undefined;
  phone?: string | null | undefined;
  /** null takes the resident out of their household. */
  householdId?: string | null | undefined;
}

/**
 * Edits a resident. Joining a household brings the resident's own free points into the shared
 * account (one `move` transfer, in the same transaction); leaving or changing household leaves
 * the points with the household they were earned into. Refused while the resident has a code
 * open on the account that would move, so no voucher is left pointing at the old account.
 */
export async function updateResident(
  db: Queryable,
  actor: Principal,
  id: string,
  changes: ResidentChanges,
  clock: Clock,
) {
  const current = await findResident(db, actor.allianceId, id);
  if (!current) throw notFound('resident');
  const joining =
    changes.householdId && changes.householdId !== current.householdId ? changes.householdId : null;
  if (joining) {
    const [h] = await db
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.id, joining), eq(households.allianceId, actor.allianceId)));
    if (!h) throw notFound('household');
  }
  // Accounts are made outside the ledger transaction (ensureAccount's rule).
  const own =
    joining && !current.householdId ? await ensureAccount(db, actor.allianceId, 'resident', id) : null;
  const shared = own && joining ? await ensureAccount(db, actor.allianceId, 'household', joining) : null;
  const moveId = randomUUID(); // chosen before the first attempt: a retried transaction reuses it
  return ledgerTransaction(db, async (tx) => {
    let movedPoints = 0;
    if (own && shared) {
      const [open] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(holds)
        .where(and(eq(holds.accountId, own), eq(holds.state, 'open')));
      if (Number(open?.n ?? 0) > 0) {
        throw new AppError('vouchers_open', {
          detail:
            'This resident has a points code open. Try again when it has been used or has expired (a few minutes).',
        });
      }
      movedPoints = await freeBalanceForUpdate(tx, own);
      if (movedPoints > 0) {
        await postTransfers(tx, [
          {
            id: moveId,
            allianceId: actor.allianceId,
            debitAccountId: own,
            creditAccountId: shared,
            amount: movedPoints,
            kind: 'move',
            reason: 'joined a household',
            actorId: actor.subjectId,
            createdAt: clock.now(),
          },
        ]);
        if (!(await debitHolder(tx, own, movedPoints))) throw new Error('locked balance changed');
        await creditHolder(tx, shared, movedPoints);
      }
    }
    const [row] = await tx
      .update(residents)
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
        ...(changes.householdId !== undefined ? { householdId: changes.householdId } : {}),
      })
      .where(and(eq(residents.id, id), eq(residents.allianceId, actor.allianceId)))
      .returning();
    await audit(tx, actor, 'resident.update', id, {
      ...changes,
      ...(movedPoints > 0 ? { movedPoints } : {}),
    });
    return { resident: row!, movedPoints };
  });
}

export async function updateMerchant(
  db: Queryable,
  actor: Principal,
  id: string,
  changes: { name?: string | undefined; address?: string | null | undefined },
) {
  const [row] = await db
    .update(merchants)
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.address !== undefined ? { address: changes.address } : {}),
    })
    .where(and(eq(merchants.id, id), eq(merchants.allianceId, actor.allianceId)))
    .returning();
  if (!row) throw notFound('merchant');
  await audit(db, actor, 'merchant.update', id, changes);
  return row;
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
      detail: `This merchant already has an offer with the code "${input.code}". Choose another code.`,
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
  codeKey: Uint8Array,
  clock: Clock,
) {
  const issued = await issueEnrollmentCode(
    db,
    {
      allianceId: actor.allianceId,
      kind: 'device',
      subjectId: merchantId,
      ttlSeconds: DEVICE_CODE_TTL_SECONDS,
      codeKey,
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
