/**
 * A resident's points code: asking for one, seeing what became of it, putting it away; and a
 * shop finding a code by the 8 digits the resident reads out. One open code per person: a new
 * code releases the person's open one in the same transaction (a shop that scanned the old one
 * offline is still paid from the free balance, else it is a conflict). A voucher is signed
 * first (pure, no state), then its hold is placed; a voucher whose hold failed is never handed
 * out.
 */
import type { VoucherRequest } from '../../shared/api/resident.ts';
import { shortCodeOf } from '../../shared/short-code.ts';
import type { ResidentPrincipal } from '../auth/principal.ts';
import { consumeAttempt } from '../auth/throttle.ts';
import type { DeviceContext } from '../directory/device-context.ts';
import { allianceSettings, findMerchantByNumber } from '../directory/queries.ts';
import { AppError } from '../errors.ts';
import { accountBalances } from '../ledger/accounts.ts';
import { placeHold, releaseHold } from '../ledger/holds.ts';
import { openCodeByShortCode, openHeldBy, residentHoldOf, voucherOutcome } from '../ledger/queries.ts';
import { newVoucherId, signVoucher } from '../vouchers/issue.ts';
import { currentSigningKey, signingKeyByKid } from '../vouchers/keys.ts';
import type { AppContext } from './context.ts';

const notEnough = (available: number) =>
  new AppError('insufficient_points', {
    detail:
      available > 0
        ? `Only ${available} points are available. Choose ${available} or fewer.`
        : 'No points are available right now.',
    details: { available },
  });

/** Points one merchant device may look codes up by digits, per quarter hour: guessing stays hopeless. */
const LOOKUP_RULE = { limit: 30, windowSeconds: 15 * 60 };

export async function issueVoucher(ctx: AppContext, actor: ResidentPrincipal, request: VoucherRequest) {
  const { allianceId, subjectId: residentId } = actor;
  const alliance = await allianceSettings(ctx.db, allianceId);
  let merchantScope = 0;
  if (request.merchantNumber !== undefined) {
    const merchant = await findMerchantByNumber(ctx.db, allianceId, request.merchantNumber);
    if (!merchant) {
      throw new AppError('merchant_not_found', {
        detail: `No merchant has the number ${request.merchantNumber}.`,
      });
    }
    merchantScope = merchant.number;
  }
  // The person's open code is released as this one is placed: its points count as available.
  const { available } = await accountBalances(ctx.db, { allianceId, residentId });
  const spendable = available + (await openHeldBy(ctx.db, { allianceId, residentId }));
  const capPoints = request.capPoints ?? Math.min(spendable, alliance.defaultVoucherCap);
  if (capPoints < 1 || capPoints > spendable) throw notEnough(spendable);

  const key = await currentSigningKey(ctx.db, allianceId, ctx.masterKey, ctx.clock);
  const issuedAt = Math.floor(ctx.clock.now().getTime() / 1000);
  const voucher = signVoucher({
    key,
    voucherId: newVoucherId(),
    capPoints,
    issuedAt,
    ttlSeconds: alliance.voucherTtlSeconds,
    merchantScope,
  });
  const held = await placeHold(
    ctx.db,
    {
      allianceId,
      residentId,
      voucherId: voucher.fields.voucherId,
      capPoints,
      issuedAt: new Date(issuedAt * 1000),
      ttlSeconds: alliance.voucherTtlSeconds,
      merchantScope,
      kid: key.kid,
      replaceOpen: true,
    },
    ctx.clock,
    ctx.ledgerCache,
  );
  if (held.outcome === 'insufficient_points') throw notEnough(held.available);
  return { voucher, capPoints, issuedAt, ttlSeconds: alliance.voucherTtlSeconds, merchantScope };
}

/** What became of one of the resident's codes: still open, used (where, how many points), or given back. */
export async function voucherStatus(ctx: AppContext, actor: ResidentPrincipal, voucherId: string) {
  const outcome = await voucherOutcome(ctx.db, {
    allianceId: actor.allianceId,
    residentId: actor.subjectId,
    voucherId,
  });
  if (!outcome) throw new AppError('not_found', { detail: 'No such code of yours.' });
  const { available } = await accountBalances(ctx.db, {
    allianceId: actor.allianceId,
    residentId: actor.subjectId,
  });
  return { ...outcome, available };
}

export async function putAwayVoucher(ctx: AppContext, actor: ResidentPrincipal, voucherId: string) {
  const { allianceId, subjectId: residentId } = actor;
  if (!(await residentHoldOf(ctx.db, { allianceId, residentId, voucherId }))) {
    throw new AppError('not_found', { detail: 'No such code of yours.' });
  }
  await releaseHold(ctx.db, { allianceId, voucherId, reason: 'put away by the resident' }, ctx.clock);
}

/**
 * The voucher an open code's 8 digits stand for, for a shop whose scanner cannot read the QR:
 * signed again exactly as it was (Ed25519 is deterministic), so the device checks and captures
 * it like a scanned one. Only open codes this merchant may take; two open codes sharing the
 * digits (rare) are refused rather than guessed between.
 */
export async function voucherByShortCode(ctx: AppContext, device: DeviceContext, code: string) {
  await consumeAttempt(ctx.db, [`short-code:device:${device.id}`], LOOKUP_RULE, ctx.clock);
  const found = await openCodeByShortCode(ctx.db, {
    allianceId: device.allianceId,
    shortCode: code,
    merchantNumber: device.merchant.number,
  });
  if (found.length !== 1 || !found[0]!.kid) throw new AppError('voucher_not_found');
  const hold = found[0]!;
  const key = await signingKeyByKid(ctx.db, device.allianceId, hold.kid!, ctx.masterKey);
  if (!key) throw new AppError('voucher_not_found');
  const voucher = signVoucher({
    key,
    voucherId: hold.voucherId,
    capPoints: hold.capPoints,
    issuedAt: Math.floor(hold.issuedAt.getTime() / 1000),
    ttlSeconds: Math.round((hold.expiresAt.getTime() - hold.issuedAt.getTime()) / 1000),
    merchantScope: hold.merchantScope,
  });
  if (shortCodeOf(voucher.fields.voucherId) !== code) throw new AppError('voucher_not_found');
  return { voucher: voucher.text };
}
