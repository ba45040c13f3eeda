/**
 * What a merchant's device does at the counter and after: capture one signed record online, sync
 * a batch from its outbox, and reverse a capture made today. Every record gets its one outcome
 * (ledger/sync.ts); each answer is counted by outcome and channel.
 */
import type { MerchantPrincipal } from '../auth/principal.ts';
import { errorForLog } from '../db/error-log.ts';
import type { DeviceContext } from '../directory/device-context.ts';
import { touchDeviceAtMostEveryMinute } from '../directory/devices.ts';
import { AppError } from '../errors.ts';
import { reverseCapture } from '../ledger/reversal.ts';
import { type SyncResult, syncRecords } from '../ledger/sync.ts';
import { batchRecordVerifier, recordVerifier } from '../vouchers/record-verifier.ts';
import { cardSyncHook } from './cards.ts';
import type { AppContext } from './context.ts';
import { basketHooks, basketReturn } from './goods.ts';

/**
 * Answers records from a device: `offline` false for the one record the merchant is waiting on
 * (POST /v1/redemptions), true for a batch from the outbox (limits and conflicts apply).
 */
export async function answerRecords(
  ctx: AppContext,
  device: DeviceContext,
  records: unknown[],
  offline: boolean,
): Promise<SyncResult> {
  const keys = await ctx.keyIndexCache.get(ctx.db, device.allianceId);
  const result = await syncRecords(
    ctx.db,
    { allianceId: device.allianceId, deviceId: device.id, records, offline, device },
    {
      clock: ctx.clock,
      verifyRecord: recordVerifier(keys, device.alliance.skewSeconds, ctx.clock),
      verifyRecords: batchRecordVerifier(keys, device.alliance.skewSeconds, ctx.clock),
      onRecordError: (recordId, err) =>
        ctx.logger.error(
          { recordId, err: errorForLog(err) },
          'record refused: the server could not store it',
        ),
      cache: ctx.ledgerCache,
      basket: basketHooks(ctx, device),
      card: cardSyncHook(ctx, device),
    },
  );
  await touchDeviceAtMostEveryMinute(ctx.db, device, ctx.clock);
  for (const a of result.results) ctx.countOutcome(a.outcome, offline ? 'sync' : 'device');
  return result;
}

/** Undoes a capture the device's merchant made today; the points go back to the resident, a basket's goods to the shelf. */
export async function reverseRecord(ctx: AppContext, actor: MerchantPrincipal, recordId: string) {
  const result = await reverseCapture(
    ctx.db,
    {
      allianceId: actor.allianceId,
      recordId,
      merchantId: actor.merchantId,
      reason: 'reversed by the merchant',
      onReversed: basketReturn(ctx, actor, recordId),
    },
    ctx.clock,
  );
  if (result.outcome === 'reversed') return result;
  const codes = {
    not_found: 'redemption_not_found',
    other_merchant: 'redemption_not_found',
    not_accepted: 'not_reversible_not_accepted',
    not_same_day: 'not_reversible_not_same_day',
  } as const;
  throw new AppError(codes[result.why]);
}
