/**
 * The directory's use cases, as the coordinator and staff perform them from the API or the
 * console: residents and households, merchants, offers, offline limits, devices and POS keys.
 * Each one is a transaction holding the domain calls and the audit entry.
 */

import { createPosKey, revokePosKey } from '../auth/pos-keys.ts';
import type { StaffPrincipal } from '../auth/principal.ts';
import { requireRight } from '../auth/rights.ts';
import { revokeSessions } from '../auth/sessions.ts';
import type { Tx } from '../db/client.ts';
import {
  addHousehold,
  addMerchant,
  addOffer,
  addResident,
  changeMerchant,
  changeResident,
  DEVICE_CODE_TTL_SECONDS,
  type MerchantChanges,
  type NewResident,
  type OfflineLimitsInput,
  planResidentChange,
  RESIDENT_CODE_TTL_SECONDS,
  type ResidentChanges,
  requireMerchant,
  requireResident,
  revokeDevice,
  setOfflineLimits,
} from '../directory/directory.ts';
import { type EnrollmentKind, issueEnrollmentCode } from '../directory/enrollment.ts';
import type { OfferInput } from '../directory/offers.ts';
import { AppError } from '../errors.ts';
import { moveIntoHousehold, planHouseholdMove } from '../ledger/household-move.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';

export interface EnrollmentSlip {
  code: string;
  expiresAt: Date;
}

/** A single-use code for a resident's phone or a merchant's device, audited as `action`. */
async function issueSlip(
  ctx: AppContext,
  tx: Tx,
  actor: StaffPrincipal,
  subject: { kind: EnrollmentKind; id: string; action: string },
): Promise<EnrollmentSlip> {
  const slip = await issueEnrollmentCode(
    tx,
    {
      allianceId: actor.allianceId,
      kind: subject.kind,
      subjectId: subject.id,
      ttlSeconds: subject.kind === 'resident' ? RESIDENT_CODE_TTL_SECONDS : DEVICE_CODE_TTL_SECONDS,
      codeKey: ctx.codeKey,
    },
    ctx.clock,
  );
  await audit(tx, actor, subject.action, subject.id);
  return slip;
}

/** A new resident and the enrollment slip for their phone. */
export function createResident(ctx: AppContext, actor: StaffPrincipal, input: NewResident) {
  requireRight(actor, 'residents');
  return inTransaction(ctx, async (tx) => {
    const resident = await addResident(tx, actor.allianceId, input);
    await audit(tx, actor, 'resident.create', resident.id, { name: input.name });
    const slip = await issueEnrollmentCode(
      tx,
      {
        allianceId: actor.allianceId,
        kind: 'resident',
        subjectId: resident.id,
        ttlSeconds: RESIDENT_CODE_TTL_SECONDS,
        codeKey: ctx.codeKey,
      },
      ctx.clock,
    );
    return { resident, slip };
  });
}

export async function updateResident(
  ctx: AppContext,
  actor: StaffPrincipal,
  id: string,
  changes: ResidentChanges,
) {
  requireRight(actor, 'residents');
  const plan = await planResidentChange(ctx.db, actor.allianceId, id, changes);
  const move = plan.joiningFromOwnAccount
    ? await planHouseholdMove(ctx.db, {
        allianceId: actor.allianceId,
        residentId: id,
        householdId: plan.joiningFromOwnAccount,
      })
    : null;
  return inTransaction(ctx, async (tx) => {
    const movedPoints = move ? await moveIntoHousehold(tx, move, actor.subjectId, ctx.clock) : 0;
    const resident = await changeResident(tx, actor.allianceId, id, changes);
    await audit(tx, actor, 'resident.update', id, {
      ...changes,
      ...(movedPoints > 0 ? { movedPoints } : {}),
    });
    return { resident, movedPoints };
  });
}

/** A new enrollment slip for a resident's (new) phone. */
export function issueResidentCode(ctx: AppContext, actor: StaffPrincipal, residentId: string) {
  requireRight(actor, 'residents');
  return inTransaction(ctx, async (tx) => {
    const resident = await requireResident(tx, actor.allianceId, residentId);
    const slip = await issueSlip(ctx, tx, actor, {
      kind: 'resident',
      id: resident.id,
      action: 'resident.enrollment_code',
    });
    return { resident, slip };
  });
}

export function createHousehold(ctx: AppContext, actor: StaffPrincipal, input: { name: string }) {
  requireRight(actor, 'residents');
  return inTransaction(ctx, async (tx) => {
    const household = await addHousehold(tx, actor.allianceId, input.name);
    await audit(tx, actor, 'household.create', household.id, { name: input.name });
    return household;
  });
}

export function createMerchant(
  ctx: AppContext,
  actor: StaffPrincipal,
  input: { name: string; address?: string | undefined; offers?: OfferInput[] | undefined },
) {
  requireRight(actor, 'merchants');
  return inTransaction(ctx, async (tx) => {
    const merchant = await addMerchant(tx, actor.allianceId, input);
    await audit(tx, actor, 'merchant.create', merchant.id, { name: input.name, number: merchant.number });
    return merchant;
  });
}

export function updateMerchant(ctx: AppContext, actor: StaffPrincipal, id: string, changes: MerchantChanges) {
  requireRight(actor, 'merchants');
  return inTransaction(ctx, async (tx) => {
    const merchant = await changeMerchant(tx, actor.allianceId, id, changes);
    await audit(tx, actor, 'merchant.update', id, { ...changes });
    return merchant;
  });
}

export function updateOfflineLimits(
  ctx: AppContext,
  actor: StaffPrincipal,
  id: string,
  limits: OfflineLimitsInput,
) {
  requireRight(actor, 'merchants');
  return inTransaction(ctx, async (tx) => {
    const merchant = await setOfflineLimits(tx, actor.allianceId, id, limits);
    await audit(tx, actor, 'merchant.limits', id, { ...limits });
    return merchant;
  });
}

export function createOffer(ctx: AppContext, actor: StaffPrincipal, merchantId: string, input: OfferInput) {
  requireRight(actor, 'merchants');
  return inTransaction(ctx, async (tx) => {
    await requireMerchant(tx, actor.allianceId, merchantId);
    const offer = await addOffer(tx, actor.allianceId, merchantId, input);
    await audit(tx, actor, 'offer.create', offer.id, { merchantId, code: input.code });
    return offer;
  });
}

/** An enrollment slip for a new device of the merchant. */
export function issueDeviceCode(ctx: AppContext, actor: StaffPrincipal, merchantId: string) {
  requireRight(actor, 'merchants');
  return inTransaction(ctx, async (tx) => {
    const merchant = await requireMerchant(tx, actor.allianceId, merchantId);
    const slip = await issueSlip(ctx, tx, actor, {
      kind: 'device',
      id: merchant.id,
      action: 'device.enrollment_code',
    });
    return { merchant, slip };
  });
}

/**
 * Switches a device off: its tokens stop at once (the auth middleware reads the device on every
 * request), its sessions end, and records it sends are refused. `merchantId`, when given, must
 * be the device's merchant (the console revokes from the merchant's page).
 */
export function revokeMerchantDevice(
  ctx: AppContext,
  actor: StaffPrincipal,
  deviceId: string,
  merchantId?: string,
) {
  requireRight(actor, 'merchants');
  return inTransaction(ctx, async (tx) => {
    const device = await revokeDevice(tx, actor.allianceId, deviceId, ctx.clock);
    if (merchantId && device.merchantId !== merchantId) {
      throw new AppError('device_not_found', { detail: 'No such device of this merchant.' });
    }
    await revokeSessions(tx, deviceId, ctx.clock);
    await audit(tx, actor, 'device.revoke', deviceId);
    return device;
  });
}

/** A POS API key for the merchant's till: the key itself is in this answer only. */
export function createMerchantPosKey(ctx: AppContext, actor: StaffPrincipal, merchantId: string) {
  requireRight(actor, 'merchants');
  return inTransaction(ctx, async (tx) => {
    const merchant = await requireMerchant(tx, actor.allianceId, merchantId);
    const key = await createPosKey(tx, { allianceId: actor.allianceId, merchantId: merchant.id });
    await audit(tx, actor, 'pos_key.create', key.id, { merchantId: merchant.id, prefix: key.prefix });
    return { merchant, key };
  });
}

export function revokeMerchantPosKey(
  ctx: AppContext,
  actor: StaffPrincipal,
  merchantId: string,
  keyId: string,
) {
  requireRight(actor, 'merchants');
  return inTransaction(ctx, async (tx) => {
    const merchant = await requireMerchant(tx, actor.allianceId, merchantId);
    if (!(await revokePosKey(tx, { id: keyId, merchantId: merchant.id }, ctx.clock))) {
      throw new AppError('not_found', { detail: 'No such POS key of this merchant.' });
    }
    await audit(tx, actor, 'pos_key.revoke', keyId);
    return merchant;
  });
}
