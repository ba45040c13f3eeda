/**
 * Sync: a batch of signed redemption records from one merchant device (its offline outbox).
 * Promises:
 * - every record gets exactly one outcome from docs/voucher-spec.md's list (or `bad_record`),
 *   whatever is wrong with it, and one bad record never stops the others;
 * - a replayed record gets its first answer, looked up before anything is verified again, so a
 *   voucher that has since expired cannot change an answer;
 * - record ids belong to the device that made them: another device's id is `bad_record`, and a
 *   record that cannot be read or whose device signature fails never takes an id or a seq
 *   (it is kept in rejected_records, keyed by its content, so its replay gets the same answer);
 * - a seq used by another record is `sequence_conflict`; gaps come back as `missingSeqs`;
 * - offline limits are checked again and a breach is reported on the record, as is an offer's
 *   broken rule (season, minimum bill, limit per person); online that rule refuses the record
 *   (409, nothing stored) before anything is taken.
 * Each record commits on its own, so a failure part-way loses nothing already answered.
 * Verification (device signature, voucher signature and time) is injected: the route wires the
 * real verifier, tests a fixture.
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { RecordResult as RecordAnswer } from '../../shared/api/merchant.ts';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { isCardText } from '../../shared/card.ts';
import { basketProblem, RedemptionRecord } from '../../shared/redemption-record.ts';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { sqlState } from '../db/error-log.ts';
import { rows } from '../db/rows.ts';
import { rejectedRecords } from '../db/schema/index.ts';
import { type DeviceContext, loadDeviceContext } from '../directory/device-context.ts';
import { AppError } from '../errors.ts';
import { allianceAccount, type LedgerCache } from './accounts.ts';
import {
  capturePoints,
  FOREIGN_RECORD_ID,
  merchantFacts,
  type RecordFacts,
  type RecordResult,
  recordedOutcome,
  refuseRecord,
} from './capture.ts';
import { deviceDayUsage, offlineLimitBreach } from './limits.ts';
import { brokenOfferRule, brokenSeasonOrBill, type Offer, offerByCode } from './offer-rules.ts';
import { captureRun, type PlainRecord, type RunContext } from './sync-batch.ts';

/** A redemption record as the device sent it, once it passed the schema. */
export type SyncRecord = RedemptionRecord;

export interface VerifiedVoucher {
  voucherId: string;
  capPoints: number;
  /** Unix seconds. */
  issuedAt: number;
  ttlSeconds: number;
  expiresAt: number;
  merchantScope: number;
}

export type VerifyRecordResult =
  | { ok: true; voucher: VerifiedVoucher }
  | { ok: false; outcome: 'bad_voucher' | 'bad_device_signature'; detail: string };

/** Checks the device's signature over the record, then the voucher (its signature and time). */
export type VerifyRecord = (
  record: SyncRecord,
  device: { id: string; publicKey: string },
) => VerifyRecordResult | Promise<VerifyRecordResult>;

/** The same verdicts for many records of one device, in order (a batch's signatures in parallel). */
export type VerifyRecords = (
  records: SyncRecord[],
  device: { id: string; publicKey: string },
) => Promise<VerifyRecordResult[]>;

export interface SyncDeps {
  clock: Clock;
  verifyRecord: VerifyRecord;
  /** Optional: a batch's verdicts at once; without it each record is verified with `verifyRecord`. */
  verifyRecords?: VerifyRecords;
  /** Told about a record the server could not process (it is answered `bad_record`). */
  onRecordError?: (recordId: string, error: unknown) => void;
  cache?: LedgerCache;
  /**
   * A basket's goods (records with lines): `check` before the capture (a problem in words makes
   * the record `bad_record`; online it may throw, e.g. when prices changed), `exchange` in the
   * capture's transaction once it is accepted. Without it, baskets are refused.
   */
  basket?: {
    check(record: SyncRecord, offline: boolean): Promise<string | undefined>;
    exchange(tx: Tx, record: SyncRecord, offline: boolean): Promise<void>;
  };
  /**
   * A record whose `voucher` is a household card's text (prefix `96`, shared/card.ts): the card
   * has its own checks and takes the points from the holder's free balance. Without it, a card
   * record is a voucher that does not decode (`bad_voucher`).
   */
  card?: (record: SyncRecord, facts: RecordFacts, offline: boolean) => Promise<RecordResult | Rejection>;
}

export interface SyncResult {
  /** One answer per record, in the order they were sent. */
  results: RecordAnswer[];
  /** Seqs below the device's highest that the server has no record for. */
  missingSeqs: number[];
}

const MAX_MISSING_REPORTED = 1000;
const EVIDENCE_CHARS = 2000;

export async function syncRecords(
  db: Queryable,
  input: {
    allianceId: string;
    deviceId: string;
    /** As received: each is checked on its own. */
    records: unknown[];
    /**
     * False for a record the device sends the moment it is made (POST /v1/redemptions): the
     * merchant waits for the answer, so offline limits and conflicts do not apply to it.
     */
    offline?: boolean;
    /** The device, when the caller has read it already. */
    device?: DeviceContext;
  },
  deps: SyncDeps,
): Promise<SyncResult> {
  const device = input.device ?? (await loadDeviceContext(db, input));
  if (!device) throw new AppError('device_revoked', { detail: 'This device is not enrolled.' });
  const offline = input.offline ?? true;
  const parsed = input.records.map((raw, index) => ({ raw, index, parse: RedemptionRecord.safeParse(raw) }));
  const answers = new Array<RecordAnswer>(parsed.length);
  const seen = new Set<string>();
  // In the device's own order, so a limit breach lands on the record that crossed the line.
  const ordered = [...parsed].sort((a, b) => seqOf(a) - seqOf(b) || a.index - b.index);
  const answer = (item: Parsed, result: RecordResult) => {
    // A record sent twice in one batch is a replay the second time.
    const replayed = result.replayed || (item.parse.success && seen.has(result.recordId));
    if (item.parse.success) seen.add(result.recordId);
    answers[item.index] = {
      id: result.recordId,
      outcome: result.outcome,
      detail: result.detail ?? null,
      points: result.points,
      replayed,
      limitBreaches: result.limitBreach ? result.limitBreach.split(BREACH_SEPARATOR) : [],
    };
  };
  const one = async (item: Parsed, verified?: VerifyRecordResult) =>
    answer(
      item,
      item.parse.success
        ? await syncOne(db, device, item.parse.data, item.raw, deps, offline, verified)
        : await rejectRecord(
            db,
            device,
            item.raw,
            'bad_record',
            describeIssues(item.parse.error),
            deps.clock,
          ),
    );
  // Offline batches: plain voucher captures take the set-based path (ledger/sync-batch.ts) in
  // runs between the records that need the per-record one, so the device's order still holds.
  const plan = offline ? await planBatch(db, device, ordered, deps) : undefined;
  let run: { item: Parsed; plain: PlainRecord }[] = [];
  const flush = async () => {
    if (run.length === 0) return;
    const current = run;
    run = [];
    const captured = await captureRun(
      db,
      current.map((r) => r.plain),
      plan!.context,
      deps.clock,
    );
    if (!captured) {
      // Something changed under the locks since the plan read it: each record on its own path.
      for (const r of current) await one(r.item, plan!.verified.get(r.item.index));
      return;
    }
    current.forEach((r, i) => {
      const c = captured[i]!;
      answer(r.item, {
        recordId: c.recordId,
        outcome: 'accepted',
        transferId: c.transferId,
        ...(c.limitBreach ? { detail: c.limitBreach, limitBreach: c.limitBreach } : {}),
        points: r.plain.points,
        replayed: false,
      });
    });
  };
  for (const item of ordered) {
    const plain = plan?.plain.get(item.index);
    if (plain) {
      run.push({ item, plain });
      continue;
    }
    await flush();
    await one(item, plan?.verified.get(item.index));
  }
  await flush();
  // Online (one record the merchant waits on) nobody reads the gaps: not worth a query per capture.
  return { results: answers, missingSeqs: offline ? await missingSeqs(db, device.id) : [] };
}

type Parsed = { raw: unknown; index: number; parse: ReturnType<typeof RedemptionRecord.safeParse> };

interface BatchPlan {
  context: RunContext;
  /** By index: records whose hold was plainly capturable when read, with what the run stores. */
  plain: Map<number, PlainRecord>;
  /** By index: verification already done, so the per-record path does not repeat it. */
  verified: Map<number, VerifyRecordResult>;
}

/**
 * Which records of an offline batch are plain voucher captures, read without locks (the run's
 * transaction checks again under them): this device's, new ids and seqs, device not revoked,
 * not a basket or a card, both signatures good, within the voucher's cap and scope, its hold
 * open and unclaimed, the first record of the batch for its voucher, and an offer without a
 * limit per person (a limit is counted record by record). The rest take the per-record path.
 */
async function planBatch(
  db: Queryable,
  device: DeviceContext,
  ordered: Parsed[],
  deps: SyncDeps,
): Promise<BatchPlan | undefined> {
  if (device.revokedAt) return undefined;
  const candidates = ordered.filter(
    (item) =>
      item.parse.success &&
      item.parse.data.deviceId === device.id &&
      !item.parse.data.lines &&
      !basketProblem(item.parse.data) &&
      !(deps.card && isCardText(item.parse.data.voucher)),
  ) as (Parsed & { parse: { success: true; data: SyncRecord } })[];
  if (candidates.length === 0) return undefined;
  const taken = await rows<{ id: string; seq: string | number | null; device_id: string | null }>(
    db,
    sql`select id, seq, device_id from redemptions
        where id in (select (jsonb_array_elements_text(${JSON.stringify(candidates.map((c) => c.parse.data.id))}::jsonb))::uuid)
           or (device_id = ${device.id}
               and seq in (select (jsonb_array_elements_text(${JSON.stringify(candidates.map((c) => c.parse.data.seq))}::jsonb))::bigint)
               and outcome not in ('sequence_conflict', 'bad_device_signature'))`,
  );
  const takenIds = new Set(taken.map((t) => t.id));
  const takenSeqs = new Set(
    taken.filter((t) => t.device_id === device.id && t.seq !== null).map((t) => Number(t.seq)),
  );
  const verified = new Map<number, VerifyRecordResult>();
  const fresh: { item: (typeof candidates)[number]; voucher: VerifiedVoucher }[] = [];
  const ids = new Set<string>();
  const seqs = new Set<number>();
  const toVerify: (typeof candidates)[number][] = [];
  for (const item of candidates) {
    const record = item.parse.data;
    if (takenIds.has(record.id) || ids.has(record.id) || takenSeqs.has(record.seq) || seqs.has(record.seq)) {
      ids.add(record.id);
      continue;
    }
    ids.add(record.id);
    seqs.add(record.seq);
    toVerify.push(item);
  }
  const signer = { id: device.id, publicKey: device.publicKey };
  const verdicts = deps.verifyRecords
    ? await deps.verifyRecords(
        toVerify.map((item) => item.parse.data),
        signer,
      )
    : await Promise.all(toVerify.map((item) => deps.verifyRecord(item.parse.data, signer)));
  toVerify.forEach((item, i) => {
    const v = verdicts[i]!;
    verified.set(item.index, v);
    if (v.ok) fresh.push({ item, voucher: v.voucher });
  });
  const merchant = await merchantFacts(db, device.allianceId, device.merchantId, deps.cache);
  const context: RunContext = {
    allianceId: device.allianceId,
    deviceId: device.id,
    merchantId: device.merchantId,
    merchantNumber: merchant.number,
    merchantAccountId: merchant.accountId,
    escrowAccountId: await allianceAccount(db, device.allianceId, 'escrow', deps.cache),
    timezone: device.alliance.timezone,
    limits: device.merchant,
  };
  const plain = new Map<number, PlainRecord>();
  if (fresh.length === 0) return { context, plain, verified };
  const holdRows = await rows<{
    voucher_id: string;
    state: string;
    claimed_by_record_id: string | null;
    cap_points: string | number;
    merchant_scope: string | number;
  }>(
    db,
    sql`select voucher_id, state, claimed_by_record_id, cap_points, merchant_scope from holds
        where alliance_id = ${device.allianceId}
          and voucher_id in (select jsonb_array_elements_text(${JSON.stringify(fresh.map((f) => f.voucher.voucherId))}::jsonb))`,
  );
  const holdOf = new Map(holdRows.map((h) => [h.voucher_id, h]));
  const offers = new Map<string, Offer | undefined>();
  const vouchers = new Set<string>();
  for (const { item, voucher } of fresh) {
    const record = item.parse.data;
    const hold = holdOf.get(voucher.voucherId);
    const inScope = (scope: number) => scope === 0 || scope === merchant.number;
    const capturable =
      hold &&
      !vouchers.has(voucher.voucherId) &&
      Number.isSafeInteger(record.points) &&
      record.points >= 1 &&
      record.points <= voucher.capPoints &&
      inScope(voucher.merchantScope) &&
      hold.state === 'open' &&
      hold.claimed_by_record_id === null &&
      Number(hold.cap_points) >= record.points &&
      inScope(Number(hold.merchant_scope));
    vouchers.add(voucher.voucherId);
    if (!capturable) continue;
    let ruleBreach: string | null = null;
    if (record.offerId) {
      if (!offers.has(record.offerId))
        offers.set(record.offerId, await offerByCode(db, device.merchantId, record.offerId));
      const offer = offers.get(record.offerId);
      if (offer?.limits?.length) continue;
      if (offer) {
        ruleBreach =
          brokenSeasonOrBill(offer, {
            billFen: record.billFen,
            timezone: device.alliance.timezone,
            at: new Date(record.scannedAt),
          })?.detail ?? null;
      }
    }
    plain.set(item.index, {
      recordId: record.id,
      seq: record.seq,
      voucherId: voucher.voucherId,
      points: record.points,
      offerId: record.offerId,
      billFen: record.billFen,
      discountFen: record.discountFen,
      scannedAt: new Date(record.scannedAt),
      ruleBreach,
    });
  }
  return { context, plain, verified };
}

const seqOf = (item: { parse: { success: boolean; data?: { seq: number } } }) =>
  item.parse.success ? item.parse.data!.seq : Number.MAX_SAFE_INTEGER;

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || 'record'}: ${i.message}`)
    .join('; ');
}

async function syncOne(
  db: Queryable,
  device: DeviceContext,
  record: SyncRecord,
  raw: unknown,
  deps: SyncDeps,
  offline: boolean,
  verified?: VerifyRecordResult,
): Promise<RecordResult> {
  if (record.deviceId !== device.id) {
    // Signed by (or for) another device: it cannot take an id or a seq of this one.
    return rejectRecord(
      db,
      device,
      raw,
      'bad_device_signature',
      `record names device ${record.deviceId}`,
      deps.clock,
    );
  }
  const unfit =
    basketProblem(record) ?? (record.lines && !deps.basket ? 'baskets are not taken here' : undefined);
  if (unfit) return rejectRecord(db, device, raw, 'bad_record', unfit, deps.clock);
  const facts: RecordFacts = {
    allianceId: device.allianceId,
    recordId: record.id,
    merchantId: device.merchantId,
    deviceId: device.id,
    seq: record.seq,
    voucherId: null,
    points: record.points,
    offerId: record.offerId,
    billFen: record.billFen,
    discountFen: record.discountFen,
    scannedAt: new Date(record.scannedAt),
    offline,
  };
  try {
    const result = await decide(db, device, record, facts, deps, offline, verified);
    if ('reject' in result) return rejectRecord(db, device, raw, result.reject, result.detail, deps.clock);
    return result;
  } catch (e) {
    if (!isBadData(e)) throw e;
    deps.onRecordError?.(record.id, e);
    return rejectRecord(db, device, raw, 'bad_record', 'the server could not store this record', deps.clock);
  }
}

async function decide(
  db: Queryable,
  device: DeviceContext,
  record: SyncRecord,
  facts: RecordFacts,
  deps: SyncDeps,
  offline: boolean,
  checked?: VerifyRecordResult,
): Promise<RecordResult | Rejection> {
  const replay = await recordedOutcome(db, facts);
  if (replay?.outcome === 'bad_record') return { reject: 'bad_record', detail: FOREIGN_RECORD_ID };
  if (replay) return replay;
  if (device.revokedAt) {
    const detail = `device revoked at ${device.revokedAt.toISOString()}`;
    return refuseRecord(db, facts, 'device_revoked', detail, deps.clock);
  }
  if (deps.card && isCardText(record.voucher)) return deps.card(record, facts, offline);
  const verified =
    checked ?? (await deps.verifyRecord(record, { id: device.id, publicKey: device.publicKey }));
  if (!verified.ok && verified.outcome === 'bad_device_signature') {
    return { reject: 'bad_device_signature', detail: verified.detail };
  }
  if (!verified.ok) return refuseRecord(db, facts, verified.outcome, verified.detail, deps.clock);
  const { voucher } = verified;
  if (record.lines) {
    const problem = await deps.basket!.check(record, offline);
    if (problem) return { reject: 'bad_record', detail: problem };
  }
  // The offer's rules (season, minimum bill, limit per person): online a broken one is refused
  // before anything is taken; offline the shop already gave the discount, so it is a breach.
  const broken = await brokenOfferRule(db, {
    allianceId: device.allianceId,
    merchantId: device.merchantId,
    offerCode: record.offerId,
    voucherId: voucher.voucherId,
    billFen: record.billFen,
    timezone: device.alliance.timezone,
    at: offline ? facts.scannedAt! : deps.clock.now(),
    recordId: record.id,
  });
  if (broken && !offline) throw new AppError(broken.code, { detail: broken.detail });
  const limitBreach = offline
    ? joinBreaches([
        offlineLimitBreach(
          device.merchant,
          record.points,
          await deviceDayUsage(db, {
            deviceId: device.id,
            timezone: device.alliance.timezone,
            at: facts.scannedAt!,
          }),
        ),
        broken?.detail ?? null,
      ])
    : null;
  const captured = await capturePoints(
    db,
    {
      ...facts,
      voucherId: voucher.voucherId,
      capPoints: voucher.capPoints,
      merchantScope: voucher.merchantScope,
      limitBreach,
      ...(record.lines ? { onAccepted: (tx: Tx) => deps.basket!.exchange(tx, record, offline) } : {}),
    },
    deps.clock,
    deps.cache,
  );
  // Another device claimed this id between the look-up above and the capture.
  return captured.outcome === 'bad_record' ? { reject: 'bad_record', detail: FOREIGN_RECORD_ID } : captured;
}

/** One record may break several rules: stored in one column, answered as a list. */
const BREACH_SEPARATOR = '; ';
const joinBreaches = (breaches: (string | null)[]): string | null =>
  breaches.filter(Boolean).join(BREACH_SEPARATOR) || null;

/** A record that must not take an id: kept in rejected_records instead. */
export interface Rejection {
  reject: 'bad_record' | 'bad_device_signature';
  detail: string;
}

/**
 * Errors that say the record's data could not be stored (SQLSTATE class 22, data exception, or a
 * JavaScript range or type error on a value): that record is refused, the batch goes on.
 * Anything else — the database gone, a deadlock that outlived its retries — fails the request,
 * and the device retries it whole.
 */
function isBadData(e: unknown): boolean {
  const state = sqlState(e);
  if (state) return state.startsWith('22');
  return e instanceof RangeError || e instanceof TypeError;
}

/**
 * Keeps a record that never reached the ledger, once per device and content; a replay of the
 * same content gets the first refusal again.
 */
async function rejectRecord(
  db: Queryable,
  device: DeviceContext,
  raw: unknown,
  outcome: 'bad_record' | 'bad_device_signature',
  detail: string,
  clock: Clock,
): Promise<RecordResult> {
  const text = canonicalJson(raw);
  const contentHash = createHash('sha256').update(text).digest('hex');
  const recordId = printableId(raw);
  const inserted = await db
    .insert(rejectedRecords)
    .values({
      allianceId: device.allianceId,
      deviceId: device.id,
      merchantId: device.merchantId,
      recordId,
      contentHash,
      outcome,
      detail,
      evidence: text.slice(0, EVIDENCE_CHARS),
      receivedAt: clock.now(),
    })
    .onConflictDoNothing()
    .returning({ id: rejectedRecords.id });
  if (inserted.length === 1) return { recordId, outcome, detail, points: 0, replayed: false };
  const [first] = await db
    .select({ outcome: rejectedRecords.outcome, detail: rejectedRecords.detail })
    .from(rejectedRecords)
    .where(and(eq(rejectedRecords.deviceId, device.id), eq(rejectedRecords.contentHash, contentHash)));
  return {
    recordId,
    outcome: first!.outcome as typeof outcome,
    detail: first!.detail,
    points: 0,
    replayed: true,
  };
}

/** The record's own id when it has a readable one, so the device can match the answer. */
function printableId(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  if (typeof id !== 'string') return '';
  return [...id]
    .filter((ch) => ch >= ' ' && ch.length === 1 && !/[\ud800-\udfff]/.test(ch))
    .join('')
    .slice(0, 100);
}

/** Gaps in the device's seqs from 1 to its highest (records that hold a seq only). */
export async function missingSeqs(db: Queryable, deviceId: string): Promise<number[]> {
  const gaps = await rows<{ from: string | number; to: string | number }>(
    db,
    sql`select prev + 1 as "from", seq - 1 as "to" from (
          select seq, coalesce(lag(seq) over (order by seq), 0) as prev from redemptions
          where device_id = ${deviceId} and seq is not null
            and outcome not in ('sequence_conflict', 'bad_device_signature')
        ) s where seq > prev + 1 order by seq limit ${MAX_MISSING_REPORTED}`,
  );
  const missing: number[] = [];
  for (const gap of gaps) {
    for (let s = Number(gap.from); s <= Number(gap.to) && missing.length < MAX_MISSING_REPORTED; s++)
      missing.push(s);
  }
  return missing;
}
