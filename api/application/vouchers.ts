/**
 * A resident's points code: asking for one (signed first — pure, no state — then its hold is
 * placed; a voucher whose hold failed is never handed out) and putting one away (its held points
 * come back at once; a shop that already scanned it offline is still paid from the free balance).
 */
import type { VoucherRequest } from '../../shared/api/resident.ts';
import type { ResidentPrincipal } from '../auth/principal.ts';
import { allianceSettings, findMerchantByNumber } from '../directory/queries.ts';
import { AppError } from '../errors.ts';
import { accountBalances } from '../ledger/accounts.ts';
import { placeHold, releaseHold } from '../ledger/holds.ts';
import { residentHoldOf } from '../ledger/queries.ts';
import { newVoucherId, signVoucher } from '../vouchers/issue.ts';
import { currentSigningKey } from '../vouchers/keys.ts';
import type { AppContext } from './context.ts';

const notEnough = (available: number) =>
  new AppError('insufficient_points', {
    detail:
      available > 0
        ? `Only ${available} points are available. Choose ${available} or fewer.`
        : 'No points are available right now. Points held by a code you showed come back when it expires.',
    details: { available },
  });

export async function issueVoucher(ctx: AppContext, actor: ResidentPrincipal, request: VoucherRequest) {
  const { allianceId, subjectId: residentId } = actor;
  const alliance = await allianceSettings(ctx.db, allianceId);
  if (
    request.replaces &&
    (await residentHoldOf(ctx.db, { allianceId, residentId, voucherId: request.replaces }))
  ) {
    await releaseHold(
      ctx.db,
      { allianceId, voucherId: request.replaces, reason: 'replaced by a new code' },
      ctx.clock,
    );
  }
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
  const { available } = await accountBalances(ctx.db, { allianceId, residentId });
  const capPoints = request.capPoints ?? Math.min(available, alliance.defaultVoucherCap);
  if (capPoints < 1 || capPoints > available) throw notEnough(available);

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
    },
    ctx.clock,
    ctx.ledgerCache,
  );
  if (held.outcome === 'insufficient_points') throw notEnough(held.available);
  return { voucher, capPoints, issuedAt, ttlSeconds: alliance.voucherTtlSeconds, merchantScope };
}

export async function putAwayVoucher(ctx: AppContext, actor: ResidentPrincipal, voucherId: string) {
  const { allianceId, subjectId: residentId } = actor;
  if (!(await residentHoldOf(ctx.db, { allianceId, residentId, voucherId }))) {
    throw new AppError('not_found', { detail: 'No such code of yours.' });
  }
  await releaseHold(ctx.db, { allianceId, voucherId, reason: 'put away by the resident' }, ctx.clock);
}
