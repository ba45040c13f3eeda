/**
 * Capturing points from a voucher's hold, for one redemption record (online from a merchant
 * device or a POS, or offline through sync). Every record gets exactly one outcome, stored with
 * the record; a replayed record id gets the stored outcome and changes nothing.
 * Promises: lock order is the record claim or the hold row first, then the holder's balance;
 * a voucher is captured at most once and never above its cap; a capture within the hold takes
 * the points and releases the rest at once; a late capture (hold already released or expired)
 * takes the free balance if it covers the points, else an offline record becomes a conflict.
 * Accounting time is the server clock; the device's scannedAt is kept as evidence.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { conflicts, holds, merchants, redemptions } from '../db/schema/index.ts';
import type { RedemptionOutcome } from '../db/schema/kinds.ts';
import { AppError } from '../errors.ts';
import { allianceAccount, type LedgerCache, merchantAccount } from './accounts.ts';
import { type Hold, holdIdOf } from './holds.ts';
import { derivedId } from './ids.ts';
import { ledgerTransaction, withRetry } from './transaction.ts';
import { debitHolder, freeBalanceForUpdate, postTransfers } from './transfers.ts';

export type Redemption = typeof redemptions.$inferSelect;

/** What a record says, whatever becomes of it. */
export interface RecordFacts {
  allianceId: string;
  /** The record's id (device UUID, or the POS's idempotency id): the capture's idempotency key. */
  recordId: string;
  merchantId: string;
  deviceId?: string | null;
  seq?: number | null;
  /** Null when the voucher did not verify. */
  voucherId: string | null;
  points: number;
  offerId?: string | null;
  billFen?: number;
  discountFen?: number;
  /** Device clock: evidence only. */
  scannedAt?: Date | null;
  /** Came through sync (the merchant already gave the discount). */
  offline?: boolean;
}

/** A verified voucher's fields that matter to a capture. */
export interface VoucherTerms {
  voucherId: string;
  capPoints: number;
  /** 0 = any merchant of the alliance. */
  merchantScope: number;
}

export interface CaptureInput extends Omit<RecordFacts, 'voucherId'>, VoucherTerms {
  /** Set by sync for offline records that broke the merchant's limits. */
  limitBreach?: string | null;
  /**
   * Runs in the capture's transaction once the record is accepted (never for a replay or a
   * refusal): a basket's goods leave the stock. Locks it takes come after the hold's and the
   * balance's; throwing undoes the capture.
   */
  onAccepted?: (tx: Tx) => Promise<void>;
}

export interface RecordResult {
  recordId: string;
  outcome: RedemptionOutcome;
  detail?: string;
  /** Points the capture took: the record's points when accepted, else 0. */
  points: number;
  /** The offline limit an accepted offline record broke, if any. */
  limitBreach?: string;
  /** The capture transfer (accepted). */
  transferId?: string;
  /** A conflict opened for review (double presentment, late shortfall). */
  conflictId?: string;
  /** True when the record had been answered before: this is its first outcome again. */
  replayed: boolean;
}

export interface MerchantFacts {
  number: number;
  accountId: string;
}

/** A merchant's public number and ledger account (both never change). */
export async function merchantFacts(
  db: Queryable,
  allianceId: string,
  merchantId: string,
  cache?: LedgerCache,
): Promise<MerchantFacts> {
  const cached = cache?.merchants.get(merchantId);
  if (cached) return cached;
  const [row] = await db
    .select({ number: merchants.number })
    .from(merchants)
    .where(and(eq(merchants.id, merchantId), eq(merchants.allianceId, allianceId)));
  if (!row) throw new AppError('merchant_not_found', { detail: 'No such merchant.' });
  const facts = { number: row.number, accountId: await merchantAccount(db, allianceId, merchantId, cache) };
  cache?.merchants.set(merchantId, facts);
  return facts;
}

const toResult = (r: Redemption, conflictId: string | null, replayed: boolean): RecordResult => ({
  recordId: r.id,
  outcome: r.outcome as RedemptionOutcome,
  ...(r.outcomeDetail ? { detail: r.outcomeDetail } : {}),
  points: r.outcome === 'accepted' ? r.points : 0,
  ...(r.limitBreach ? { limitBreach: r.limitBreach } : {}),
  ...(r.transferId ? { transferId: r.transferId } : {}),
  ...(conflictId ? { conflictId } : {}),
  replayed,
});

/** The detail of a record whose id another device (or merchant, or alliance) already holds. */
export const FOREIGN_RECORD_ID = 'record id already used by another device: make a new id';

/**
 * What a record id already stands for. Record ids belong to whoever made them: the same device
 * (or, for a POS, the same merchant) gets its first answer again; anyone else gets `bad_record`
 * and learns nothing about the other's record. Undefined when the id is new.
 */
export async function recordedOutcome(
  q: Queryable,
  owner: Pick<RecordFacts, 'allianceId' | 'merchantId' | 'deviceId' | 'recordId'>,
): Promise<RecordResult | undefined> {
  const [row] = await q
    .select({ record: redemptions, conflictId: conflicts.id })
    .from(redemptions)
    .leftJoin(conflicts, eq(conflicts.recordId, redemptions.id))
    .where(eq(redemptions.id, owner.recordId));
  if (!row) return undefined;
  const r = row.record;
  const own =
    r.allianceId === owner.allianceId &&
    r.merchantId === owner.merchantId &&
    (r.deviceId ?? null) === (owner.deviceId ?? null);
  if (!own) {
    return {
      recordId: owner.recordId,
      outcome: 'bad_record',
      detail: FOREIGN_RECORD_ID,
      points: 0,
      replayed: false,
    };
  }
  return toResult(r, row.conflictId, true);
}

export type Stored = {
  outcome: RedemptionOutcome;
  detail?: string | null;
  transferId?: string | null;
  limitBreach?: string | null;
};

/**
 * Claims the record id (and its device seq) with its outcome: the idempotency claim. Returns
 * undefined when stored, else the answer the record already has (a replay, or a sequence
 * conflict when another record holds its seq).
 */
async function claimRecord(
  tx: Tx,
  facts: RecordFacts,
  stored: Stored,
  now: Date,
): Promise<RecordResult | undefined> {
  const values = {
    id: facts.recordId,
    allianceId: facts.allianceId,
    deviceId: facts.deviceId ?? null,
    merchantId: facts.merchantId,
    seq: facts.seq ?? null,
    voucherId: facts.voucherId,
    points: facts.points,
    offerId: facts.offerId ?? null,
    billFen: facts.billFen ?? 0,
    discountFen: facts.discountFen ?? 0,
    scannedAt: facts.scannedAt ?? null,
    receivedAt: now,
    outcome: stored.outcome,
    outcomeDetail: stored.detail ?? null,
    transferId: stored.transferId ?? null,
    offline: facts.offline ?? false,
    limitBreach: stored.limitBreach ?? null,
  };
  const inserted = await tx
    .insert(redemptions)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: redemptions.id });
  if (inserted.length === 1) return undefined;
  const replay = await recordedOutcome(tx, facts);
  if (replay) return replay;
  // The seq belongs to another record: this one is kept, outside the seq's uniqueness.
  const detail = `seq ${facts.seq} of device ${facts.deviceId} is another record's`;
  const again = await tx
    .insert(redemptions)
    .values({
      ...values,
      outcome: 'sequence_conflict',
      outcomeDetail: detail,
      transferId: null,
      limitBreach: null,
    })
    .onConflictDoNothing()
    .returning({ id: redemptions.id });
  if (again.length === 1)
    return { recordId: facts.recordId, outcome: 'sequence_conflict', detail, points: 0, replayed: false };
  const raced = await recordedOutcome(tx, facts);
  if (!raced) throw new Error(`record ${facts.recordId} was neither stored nor found`);
  return raced;
}

export async function storeOutcome(
  tx: Tx,
  facts: RecordFacts,
  stored: Stored,
  now: Date,
): Promise<RecordResult> {
  const earlier = await claimRecord(tx, facts, stored, now);
  if (earlier) return earlier;
  return {
    recordId: facts.recordId,
    outcome: stored.outcome,
    ...(stored.detail ? { detail: stored.detail } : {}),
    points: stored.outcome === 'accepted' ? facts.points : 0,
    ...(stored.limitBreach ? { limitBreach: stored.limitBreach } : {}),
    ...(stored.transferId ? { transferId: stored.transferId } : {}),
    replayed: false,
  };
}

/** Stores a record refused before reaching the ledger (bad voucher, signature, revoked device…). */
export function refuseRecord(
  db: Queryable,
  facts: RecordFacts,
  outcome: Exclude<RedemptionOutcome, 'accepted' | 'bad_record'>,
  detail: string | null,
  clock: Clock,
): Promise<RecordResult> {
  return ledgerTransaction(db, (tx) => storeOutcome(tx, facts, { outcome, detail }, clock.now()));
}

export async function openConflict(
  tx: Tx,
  kind: 'double_presentment' | 'late_shortfall',
  facts: RecordFacts & { voucherId: string },
  now: Date,
): Promise<string> {
  const id = derivedId('conflict', facts.recordId);
  await tx.insert(conflicts).values({
    id,
    allianceId: facts.allianceId,
    kind,
    recordId: facts.recordId,
    voucherId: facts.voucherId,
    merchantId: facts.merchantId,
    deviceId: facts.deviceId ?? null,
    points: facts.points,
    createdAt: now,
  });
  return id;
}

async function claimVoucher(tx: Tx, hold: Hold, recordId: string): Promise<void> {
  await tx.update(holds).set({ claimedByRecordId: recordId }).where(eq(holds.id, hold.id));
}

export async function capturePoints(
  db: Queryable,
  input: CaptureInput,
  clock: Clock,
  cache?: LedgerCache,
): Promise<RecordResult> {
  const merchant = await merchantFacts(db, input.allianceId, input.merchantId, cache);
  const escrow = await allianceAccount(db, input.allianceId, 'escrow', cache);
  const facts: RecordFacts & { voucherId: string } = { ...input, voucherId: input.voucherId };
  const offline = input.offline ?? false;
  const plain =
    Number.isSafeInteger(input.points) &&
    input.points >= 1 &&
    input.points <= input.capPoints &&
    (input.merchantScope === 0 || input.merchantScope === merchant.number) &&
    !input.onAccepted;
  if (plain) {
    const transferId = derivedId('capture', input.recordId);
    const limitBreach = input.limitBreach ?? null;
    const to = { escrow, merchant, transferId, limitBreach, now: clock.now() };
    if (await withRetry(() => captureOpenHold(db, facts, to))) {
      return {
        recordId: input.recordId,
        outcome: 'accepted',
        transferId,
        ...(limitBreach ? { detail: limitBreach, limitBreach } : {}),
        points: input.points,
        replayed: false,
      };
    }
  }
  // Everything else — replays, refusals, late captures, double presentment — takes the
  // transaction below, which decides under the hold's lock.
  return ledgerTransaction(db, async (tx) => {
    const now = clock.now();
    const refuse = (outcome: Exclude<RedemptionOutcome, 'accepted' | 'bad_record'>, detail: string) =>
      storeOutcome(tx, facts, { outcome, detail }, now);
    if (!Number.isSafeInteger(input.points) || input.points < 1) {
      return refuse('points_exceed_cap', `points must be a whole number from 1 to the cap`);
    }
    if (input.merchantScope !== 0 && input.merchantScope !== merchant.number) {
      return refuse(
        'wrong_merchant',
        `voucher is for merchant ${input.merchantScope}, not ${merchant.number}`,
      );
    }
    if (input.points > input.capPoints) {
      return refuse(
        'points_exceed_cap',
        `${input.points} points over the voucher's cap of ${input.capPoints}`,
      );
    }
    // Under the hold's lock every record of this voucher is serialized: look for a replay first.
    const [locked] = await tx
      .select({ hold: holds, seen: redemptions.id })
      .from(holds)
      .leftJoin(redemptions, eq(redemptions.id, input.recordId))
      .where(and(eq(holds.allianceId, input.allianceId), eq(holds.voucherId, input.voucherId)))
      .for('update', { of: holds });
    if (!locked || locked.seen) {
      const replay = await recordedOutcome(tx, facts);
      if (replay) return replay;
    }
    if (!locked) return refuse('bad_voucher', 'unknown_voucher: no hold was placed for this voucher');
    const hold = locked.hold;
    if (input.points > hold.capPoints) {
      return refuse(
        'points_exceed_cap',
        `${input.points} points over the voucher's cap of ${hold.capPoints}`,
      );
    }
    if (hold.merchantScope !== 0 && hold.merchantScope !== merchant.number) {
      return refuse(
        'wrong_merchant',
        `voucher is for merchant ${hold.merchantScope}, not ${merchant.number}`,
      );
    }
    if (hold.claimedByRecordId) {
      const detail = `voucher already presented by record ${hold.claimedByRecordId}`;
      const result = await refuse('voucher_already_redeemed', detail);
      if (!offline || result.replayed || result.outcome !== 'voucher_already_redeemed') return result;
      return { ...result, conflictId: await openConflict(tx, 'double_presentment', facts, now) };
    }
    const transferId = derivedId('capture', input.recordId);
    const limitBreach = input.limitBreach ?? null;
    const accepted: Stored = { outcome: 'accepted', transferId, limitBreach, detail: limitBreach };
    const capture = {
      id: transferId,
      allianceId: input.allianceId,
      amount: input.points,
      kind: 'capture' as const,
      recordId: input.recordId,
      creditAccountId: merchant.accountId,
      createdAt: now,
    };

    if (hold.state === 'open') {
      if (!(await captureOpenHold(tx, facts, { escrow, merchant, transferId, limitBreach, now }))) {
        return (await claimRecord(tx, facts, accepted, now))!;
      }
      await input.onAccepted?.(tx);
      return {
        recordId: input.recordId,
        outcome: 'accepted',
        transferId,
        ...(limitBreach ? { detail: limitBreach, limitBreach } : {}),
        points: input.points,
        replayed: false,
      };
    }

    // Late: the hold already went back to the holder. Lock the balance, then decide.
    const free = await freeBalanceForUpdate(tx, hold.accountId);
    if (free < input.points) {
      const detail = `late_shortfall: the hold was ${hold.state}, free balance ${free} < ${input.points} points`;
      const result = await refuse('insufficient_points', detail);
      if (!offline || result.replayed || result.outcome !== 'insufficient_points') return result;
      await claimVoucher(tx, hold, input.recordId);
      return { ...result, conflictId: await openConflict(tx, 'late_shortfall', facts, now) };
    }
    const late = {
      ...accepted,
      detail: [`late capture: the hold was ${hold.state}`, limitBreach].filter(Boolean).join('; '),
    };
    const earlier = await claimRecord(tx, facts, late, now);
    if (earlier) return earlier;
    await postTransfers(tx, [{ ...capture, debitAccountId: hold.accountId }]);
    if (!(await debitHolder(tx, hold.accountId, input.points))) throw new Error('locked balance changed');
    await claimVoucher(tx, hold, input.recordId);
    await input.onAccepted?.(tx);
    return {
      recordId: input.recordId,
      outcome: 'accepted',
      transferId,
      detail: late.detail,
      points: input.points,
      ...(limitBreach ? { limitBreach } : {}),
      replayed: false,
    };
  });
}

/**
 * The common case in one statement, its own transaction (the capture is the hot path, and every
 * round trip counts): lock the voucher's hold if it is open, unclaimed, within its cap and scope;
 * claim the record; post the capture and the release of the rest; resolve the hold; credit the
 * holder. All of it, or — when the hold is not plainly capturable or the record id or its seq
 * was taken — nothing, and the caller takes the full path. Lock order as everywhere: the hold
 * row, then the holder's balance row. Returns whether the record was captured.
 */
async function captureOpenHold(
  q: Queryable,
  facts: RecordFacts & { voucherId: string },
  to: { escrow: string; merchant: MerchantFacts; transferId: string; limitBreach: string | null; now: Date },
): Promise<boolean> {
  const holdId = holdIdOf(facts.allianceId, facts.voucherId);
  const now = to.now.toISOString();
  const [row] = await rows<{ claimed: number }>(
    q,
    sql`with h as (
      select id, account_id, cap_points from holds
      where alliance_id = ${facts.allianceId} and voucher_id = ${facts.voucherId} and state = 'open'
        and claimed_by_record_id is null and cap_points >= ${facts.points}
        and merchant_scope in (0, ${to.merchant.number})
      for update
    ), claim as (
      insert into redemptions (id, alliance_id, device_id, merchant_id, seq, voucher_id, points, offer_id, bill_fen,
        discount_fen, scanned_at, received_at, outcome, outcome_detail, transfer_id, offline, limit_breach)
      select ${facts.recordId}, ${facts.allianceId}, ${facts.deviceId ?? null}, ${facts.merchantId}, ${facts.seq ?? null},
        ${facts.voucherId}, ${facts.points}, ${facts.offerId ?? null}, ${facts.billFen ?? 0}, ${facts.discountFen ?? 0},
        ${facts.scannedAt?.toISOString() ?? null}::timestamptz, ${now}::timestamptz, 'accepted', ${to.limitBreach},
        ${to.transferId}, ${facts.offline ?? false}, ${to.limitBreach}
      from h
      on conflict do nothing returning id
    ), moved as (
      insert into transfers (id, alliance_id, debit_account_id, credit_account_id, amount, kind, pending_id, record_id, created_at)
      select v.id, ${facts.allianceId}, ${to.escrow}, coalesce(v.credit, h.account_id), v.amount, v.kind, h.id,
        ${facts.recordId}, ${now}::timestamptz
      from h cross join lateral (values
        (${to.transferId}::uuid, ${to.merchant.accountId}::uuid, ${facts.points}::bigint, 'capture'),
        (${derivedId('release', holdId)}::uuid, null::uuid, h.cap_points - ${facts.points}, 'release')
      ) as v(id, credit, amount, kind)
      where v.amount > 0 and exists (select 1 from claim)
    ), resolved as (
      update holds set state = 'captured', resolved_at = ${now}::timestamptz, captured_points = ${facts.points},
        claimed_by_record_id = ${facts.recordId}
      where id in (select id from h) and exists (select 1 from claim)
    ), credited as (
      update ledger_accounts a set balance = a.balance + (h.cap_points - ${facts.points}) from h
      where a.id = h.account_id and h.cap_points > ${facts.points} and exists (select 1 from claim)
    )
    select count(*)::int as claimed from claim`,
  );
  return Number(row?.claimed) === 1;
}
