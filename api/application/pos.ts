/**
 * A POS system at the till, with a merchant's API key: check a scanned voucher, and capture
 * points from it online under an Idempotency-Key (a retried request never captures twice).
 * Captures go through the same ledger function as a device's.
 */
import { basketPoints } from '../../shared/redemption-record.ts';
import { verifyVoucher } from '../../shared/voucher.ts';
import type { MerchantPrincipal } from '../auth/principal.ts';
import type { Tx } from '../db/client.ts';
import { requireMerchant } from '../directory/directory.ts';
import { allianceSettings } from '../directory/queries.ts';
import { AppError } from '../errors.ts';
import { exchangeBasket } from '../goods/stock.ts';
import { capturePoints, refuseRecord } from '../ledger/capture.ts';
import { derivedId } from '../ledger/ids.ts';
import { brokenOfferRule } from '../ledger/offer-rules.ts';
import { voucherHoldState } from '../ledger/queries.ts';
import { ed25519Node } from '../vouchers/ed25519-node.ts';
import type { AppContext } from './context.ts';
import { pricedLines } from './goods.ts';
import { idempotent, requestHash } from './idempotency.ts';

export interface PosCaptureInput {
  voucher: string;
  /** The points; or `lines`, a basket of the shop's goods the server prices. */
  points?: number | undefined;
  lines?: { goodsId: string; quantity: number }[] | undefined;
  offerId?: string | undefined;
  billFen: number;
  discountFen: number;
}

async function verifyHere(ctx: AppContext, actor: MerchantPrincipal, text: string) {
  const merchant = await requireMerchant(ctx.db, actor.allianceId, actor.merchantId);
  const { skewSeconds, timezone } = await allianceSettings(ctx.db, actor.allianceId);
  const verified = verifyVoucher(text, {
    keys: await ctx.keyIndexCache.get(ctx.db, actor.allianceId),
    primitive: ed25519Node,
    now: Math.floor(ctx.clock.now().getTime() / 1000),
    skew: skewSeconds,
  });
  return { merchant, verified, timezone };
}

/** The voucher as the till sees it: valid or why not, its cap, whether it can still be captured here. */
export async function verifyAtPos(ctx: AppContext, actor: MerchantPrincipal, text: string) {
  const { merchant, verified } = await verifyHere(ctx, actor, text);
  if (!verified.ok) return { valid: false as const, error: verified.error };
  const v = verified.voucher;
  return {
    valid: true as const,
    voucher: v,
    state: (await voucherHoldState(ctx.db, actor.allianceId, v.voucherId)) ?? ('unknown' as const),
    forThisMerchant: v.merchantScope === 0 || v.merchantScope === merchant.number,
  };
}

export async function captureAtPos(
  ctx: AppContext,
  actor: MerchantPrincipal,
  input: PosCaptureInput,
  key: string,
) {
  // Read before the transaction: PGlite has one connection, so inside it only `tx` may query.
  const { verified, timezone } = await verifyHere(ctx, actor, input.voucher);
  const priced = input.lines ? await pricedLines(ctx, actor, input.lines) : undefined;
  const points = priced ? basketPoints(priced) : input.points!;
  if (verified.ok) {
    // The offer's rules refuse at the till before anything is taken (a retry of a capture
    // already made does not count against itself).
    const broken = await brokenOfferRule(ctx.db, {
      allianceId: actor.allianceId,
      merchantId: actor.merchantId,
      offerCode: input.offerId,
      voucherId: verified.voucher.voucherId,
      billFen: input.billFen,
      timezone,
      at: ctx.clock.now(),
      recordId: derivedId('pos', actor.subjectId, key),
    });
    if (broken) throw new AppError(broken.code, { detail: broken.detail });
  }
  const { result } = await idempotent(
    ctx,
    actor,
    { key, hash: requestHash('POST /v1/pos/captures', input) },
    async (tx) => {
      const recordId = derivedId('pos', actor.subjectId, key);
      const facts = {
        allianceId: actor.allianceId,
        recordId,
        merchantId: actor.merchantId,
        points,
        offerId: input.offerId ?? null,
        billFen: input.billFen,
        discountFen: input.discountFen,
        offline: false,
      };
      const captured = verified.ok
        ? await capturePoints(
            tx,
            {
              ...facts,
              voucherId: verified.voucher.voucherId,
              capPoints: verified.voucher.capPoints,
              merchantScope: verified.voucher.merchantScope,
              ...(priced
                ? {
                    onAccepted: (t: Tx) =>
                      exchangeBasket(
                        t,
                        {
                          allianceId: actor.allianceId,
                          merchantId: actor.merchantId,
                          recordId,
                          lines: priced,
                          offline: false,
                          recordedBy: `pos:${actor.subjectId}`,
                        },
                        ctx.clock,
                      ),
                  }
                : {}),
            },
            ctx.clock,
            ctx.ledgerCache,
          )
        : await refuseRecord(tx, { ...facts, voucherId: null }, 'bad_voucher', verified.error, ctx.clock);
      ctx.countOutcome(captured.outcome, 'pos');
      return {
        id: recordId,
        outcome: captured.outcome,
        detail: captured.detail ?? null,
        points: captured.points,
        ...(priced && captured.outcome === 'accepted' ? { lines: priced } : {}),
      };
    },
  );
  return result;
}
