/**
 * Records and their journey: signing a capture into the outbox, sending it at once when online,
 * and syncing the outbox when the network returns, with retry and backoff.
 *
 * Promises:
 * - a record is in the outbox, with its seq taken, before anyone is told it is done;
 * - seqs count from 1 with no gaps: the counter moves in the transaction that stores the record;
 * - a record leaves the outbox only with its outcome, in one transaction, so a page killed
 *   mid-request sends it again on the next open and the API answers the replay with the first
 *   outcome: never lost, never captured twice;
 * - the local refusals (taken here, cap, offline limits) are checked in that same transaction.
 */

import type { IDBPTransaction } from 'idb';
import { CardCaptureResponse } from '../../shared/api/cards.ts';
import { RecordResult, SyncResponse } from '../../shared/api/merchant.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { type RedemptionRecord, signRedemptionRecord } from '../../shared/redemption-record.ts';
import type { Voucher } from '../../shared/voucher.ts';
import { ApiError, deviceRequest, NetworkError, SignedOutError } from './api.ts';
import type { BasketLine } from './basket.ts';
import { cardOfflineUse } from './card.ts';
import type { Charge } from './offers.ts';
import { allianceDay, markOnline, refreshConfig } from './session.ts';
import { getState, type OnlineRefusal, setState } from './state.ts';
import { type LogEntry, type MerchantDb, openStore, outboxRecords, type RecordPath, setKv } from './store.ts';

export const ONLINE_CAPTURE_TIMEOUT_MS = 3000;
/** A card capture waits longer: the server checks the PIN with a slow hash, and nothing is queued. */
const CARD_CAPTURE_TIMEOUT_MS = 10_000;
const SYNC_TIMEOUT_MS = 20_000;
const SYNC_BATCH = 500;
const PERIODIC_SYNC_MS = 30_000;
const MAX_BACKOFF_MS = 5 * 60_000;

export type LocalRefusal =
  | 'already_taken'
  | 'over_cap'
  | 'too_few'
  | 'offline_capture_limit'
  | 'offline_day_limit'
  | 'wrong_merchant'
  /** A household card offline: over what it may still spend today without its PIN. */
  | 'card_floor';

/** An entry still blocks its voucher unless the API refused it (then it may be tried again). */
const blocks = (e: LogEntry) => e.status === 'pending' || e.outcome === 'accepted';
/** Points that count against today's offline limit. */
const countsOffline = (e: LogEntry) => e.path === 'offline' && blocks(e);

export async function refreshCounts(): Promise<void> {
  const db = await openStore();
  const deviceId = getState().device?.deviceId;
  const [records, entries] = await Promise.all([db.getAll('outbox'), db.getAll('log')]);
  const mine = records.filter((r) => r.deviceId === deviceId).length;
  setState({
    pending: mine,
    stranded: records.length - mine,
    taken: new Set(entries.filter(blocks).map((e) => e.voucherId)),
  });
}

/** Points still allowed offline today by this device. */
export async function offlineRoomToday(): Promise<number> {
  const config = getState().config?.config;
  if (!config) return 0;
  const entries = await (await openStore()).getAllFromIndex('log', 'day', allianceDay());
  return Math.max(0, config.limits.offlineMaxPointsPerDeviceDay - usedOffline(entries));
}

/** What the record signs of a basket line: the good, how many, and its price per unit. */
const signedLine = ({ goodsId, quantity, points, copayFen }: BasketLine) => ({
  goodsId,
  quantity,
  points,
  copayFen,
});

export type CreateResult =
  | { ok: true; record: RedemptionRecord; entry: LogEntry }
  | { ok: false; refusal: LocalRefusal };

/**
 * Signs the capture and stores it in the outbox. Offline captures must fit the offline limits;
 * an online one may exceed them, and should its request then fail it waits in the outbox like any
 * other (the API reports the breach and the coordinator sees it).
 */
export async function createRecord(
  voucherText: string,
  voucher: Voucher,
  charge: Charge,
): Promise<CreateResult> {
  const { device, config, online } = getState();
  if (!device || !config) throw new Error('not enrolled');
  if (charge.points < 1) return { ok: false, refusal: 'too_few' };
  if (charge.points > voucher.capPoints) return { ok: false, refusal: 'over_cap' };
  if (voucher.merchantScope !== 0 && voucher.merchantScope !== device.merchantNumber) {
    return { ok: false, refusal: 'wrong_merchant' };
  }
  const limits = config.config.limits;
  const path = online ? 'online' : 'offline';
  if (path === 'offline' && charge.points > limits.offlineMaxPointsPerCapture) {
    return { ok: false, refusal: 'offline_capture_limit' };
  }
  const day = allianceDay();
  const db = await openStore();
  const tx = db.transaction(['kv', 'outbox', 'log'], 'readwrite');
  const log = tx.objectStore('log');
  const earlier = await log.index('voucherId').getAll(voucher.voucherId);
  if (earlier.some(blocks)) {
    tx.abort();
    await tx.done.catch(() => {});
    return { ok: false, refusal: 'already_taken' };
  }
  if (path === 'offline') {
    const today = await log.index('day').getAll(day);
    if (usedOffline(today) + charge.points > limits.offlineMaxPointsPerDeviceDay) {
      tx.abort();
      await tx.done.catch(() => {});
      return { ok: false, refusal: 'offline_day_limit' };
    }
  }
  return signAndStore(tx, voucherText, charge, path, day, { voucherId: voucher.voucherId });
}

type StoreTx = IDBPTransaction<MerchantDb, ('kv' | 'outbox' | 'log')[], 'readwrite'>;

/**
 * Signs the record with the next seq and stores it with its log entry, in the caller's
 * transaction (whose checks it completes). Signing is synchronous, so the transaction stays open.
 */
async function signAndStore(
  tx: StoreTx,
  text: string,
  charge: Charge,
  path: RecordPath,
  day: string,
  about: { voucherId: string; cardNumber?: string },
): Promise<CreateResult> {
  const { device } = getState();
  if (!device) throw new Error('not enrolled');
  const kv = tx.objectStore('kv');
  const seq = ((await kv.get('nextSeq')) as number | undefined) ?? 1;
  const record = signRedemptionRecord(
    {
      id: crypto.randomUUID(),
      voucher: text.trim(),
      points: charge.points,
      offerId: charge.offerId,
      billFen: charge.billFen,
      discountFen: charge.discountFen,
      scannedAt: Date.now(),
      deviceId: device.deviceId,
      seq,
      ...(charge.lines ? { lines: charge.lines.map(signedLine) } : {}),
    },
    device.seed,
    ed25519Noble,
  );
  const entry: LogEntry = {
    id: record.id,
    seq,
    deviceId: device.deviceId,
    ...about,
    points: record.points,
    offerId: record.offerId,
    billFen: record.billFen,
    discountFen: record.discountFen,
    ...(charge.lines ? { lines: charge.lines } : {}),
    scannedAt: record.scannedAt,
    day,
    path,
    status: 'pending',
  };
  await tx.objectStore('outbox').add(record);
  await tx.objectStore('log').add(entry);
  await kv.put(seq + 1, 'nextSeq');
  await tx.done;
  const taken = new Set(getState().taken);
  if (!about.cardNumber) taken.add(about.voucherId);
  setState({ pending: getState().pending + 1, taken });
  return { ok: true, record, entry };
}

/** Points this phone took offline today, over every record that counts against the limit. */
const usedOffline = (entries: readonly LogEntry[]) =>
  entries.filter(countsOffline).reduce((sum, e) => sum + e.points, 0);

/**
 * A household card offline (no PIN): within the device's offline limits and the card's daily
 * floor less what this phone took from it today, checked in the transaction that stores it.
 * The record carries the card's QR text where a voucher's would be; the API takes the points from
 * the holder's balance at sync.
 */
export async function createCardRecord(
  card: { text: string; number: string },
  charge: Charge,
  floor: number,
): Promise<CreateResult> {
  const { device, config } = getState();
  if (!device || !config) throw new Error('not enrolled');
  if (charge.points < 1) return { ok: false, refusal: 'too_few' };
  const limits = config.config.limits;
  if (charge.points > limits.offlineMaxPointsPerCapture) {
    return { ok: false, refusal: 'offline_capture_limit' };
  }
  const day = allianceDay();
  const db = await openStore();
  const tx = db.transaction(['kv', 'outbox', 'log'], 'readwrite');
  const today = await tx.objectStore('log').index('day').getAll(day);
  const refusal: LocalRefusal | null =
    usedOffline(today) + charge.points > limits.offlineMaxPointsPerDeviceDay
      ? 'offline_day_limit'
      : cardOfflineUse(today, card.number) + charge.points > floor
        ? 'card_floor'
        : null;
  if (refusal) {
    tx.abort();
    await tx.done.catch(() => {});
    return { ok: false, refusal };
  }
  return signAndStore(tx, card.text, charge, 'offline', day, {
    voucherId: `card:${card.number}`,
    cardNumber: card.number,
  });
}

/** Stores the API's answers: each record leaves the outbox in the transaction that logs its outcome. */
async function applyResults(results: RecordResult[]): Promise<void> {
  if (results.length === 0) return;
  const db = await openStore();
  const tx = db.transaction(['outbox', 'log'], 'readwrite');
  const log = tx.objectStore('log');
  const answered: LogEntry[] = [];
  for (const result of results) {
    const entry = await log.get(result.id);
    await tx.objectStore('outbox').delete(result.id);
    if (!entry) continue;
    const updated: LogEntry = {
      ...entry,
      status: 'answered',
      outcome: result.outcome,
      detail: result.detail,
      replayed: result.replayed,
      limitBreaches: result.limitBreaches,
      answeredAt: Date.now(),
    };
    await log.put(updated);
    answered.push(updated);
  }
  await tx.done;
  const answers = new Map(getState().answers);
  for (const entry of answered) answers.set(entry.id, entry);
  setState({ answers });
  await refreshCounts();
}

async function markOfflinePath(id: string): Promise<void> {
  const db = await openStore();
  const tx = db.transaction('log', 'readwrite');
  const entry = await tx.store.get(id);
  if (entry && entry.status === 'pending') await tx.store.put({ ...entry, path: 'offline' });
  await tx.done;
}

const inFlight = new Set<string>();

/**
 * The API's refusals of an online capture in words: it took nothing and stored nothing, seq
 * included — a basket the shelf or the prices do not allow, an offer's rule (每人每月限一次, its
 * season, its minimum bill).
 */
const ONLINE_REFUSALS = new Set<string>([
  'out_of_stock',
  'basket_prices_changed',
  'goods_not_found',
  'offer_limit_reached',
  'offer_out_of_season',
  'offer_min_bill',
]);

/**
 * A capture the API refused online in words leaves the outbox and the log, so sync can never
 * take it later and the voucher may be rung up again. Its seq is given back when nothing was signed
 * after it (the API never stored it); otherwise the API will report that seq missing.
 */
async function dropRefused(record: RedemptionRecord, e: ApiError): Promise<void> {
  const db = await openStore();
  const tx = db.transaction(['kv', 'outbox', 'log'], 'readwrite');
  await tx.objectStore('outbox').delete(record.id);
  await tx.objectStore('log').delete(record.id);
  const kv = tx.objectStore('kv');
  if ((await kv.get('nextSeq')) === record.seq + 1) await kv.put(record.seq, 'nextSeq');
  await tx.done;
  const refusal: OnlineRefusal = { type: e.type as OnlineRefusal['type'] };
  if (typeof e.extra.name === 'string') refusal.name = e.extra.name;
  if (typeof e.extra.stock === 'number') refusal.stock = e.extra.stock;
  const refusals = new Map(getState().refusals);
  refusals.set(record.id, refusal);
  setState({ refusals });
  await refreshCounts();
  // The prices or the stock this phone holds are out of date: fetch them for the next try.
  await refreshConfig().catch(() => false);
}

/**
 * The online path: one request with a short timeout. Whatever goes wrong, the record is already
 * in the outbox and the next sync sends it; only a capture the API refused in words leaves it.
 */
export async function captureOnline(record: RedemptionRecord): Promise<void> {
  inFlight.add(record.id);
  try {
    const result = await deviceRequest('POST', '/v1/redemptions', RecordResult, {
      body: record,
      timeoutMs: ONLINE_CAPTURE_TIMEOUT_MS,
    });
    markOnline(true);
    await applyResults([result]);
  } catch (e) {
    if (e instanceof ApiError && ONLINE_REFUSALS.has(e.type)) {
      markOnline(true);
      return await dropRefused(record, e);
    }
    if (e instanceof NetworkError) markOnline(false);
    await markOfflinePath(record.id);
    scheduleRetry();
    if (!(e instanceof NetworkError || e instanceof ApiError || e instanceof SignedOutError)) throw e;
  } finally {
    inFlight.delete(record.id);
  }
}

/** How an online capture with a household card ended, in what the counter needs to say. */
export type CardCaptureAnswer =
  | { kind: 'captured'; result: CardCaptureResponse }
  | { kind: 'problem'; type: string; attemptsLeft: number | null }
  | { kind: 'network' };

/**
 * Card + PIN online: one request, no outbox (a PIN is never stored). `id` is made once per sale,
 * so trying again after a lost answer gets the first outcome back and never takes twice. The
 * answer goes into this phone's log for today's list.
 */
export async function captureCardOnline(
  id: string,
  card: { text: string | null; number: string },
  pin: string,
  charge: Charge,
): Promise<CardCaptureAnswer> {
  const { device } = getState();
  if (!device) throw new Error('not enrolled');
  let result: CardCaptureResponse;
  try {
    result = await deviceRequest('POST', '/v1/merchant/card-captures', CardCaptureResponse, {
      body: {
        id,
        card: card.text ?? card.number,
        pin,
        ...(charge.lines
          ? { lines: charge.lines.map((l) => ({ goodsId: l.goodsId, quantity: l.quantity })) }
          : { points: charge.points }),
        ...(charge.offerId ? { offerId: charge.offerId } : {}),
        billFen: charge.billFen,
        discountFen: charge.discountFen,
      },
      timeoutMs: CARD_CAPTURE_TIMEOUT_MS,
    });
  } catch (e) {
    if (e instanceof ApiError) {
      markOnline(true);
      const left = e.extra.attemptsLeft;
      return { kind: 'problem', type: e.type, attemptsLeft: typeof left === 'number' ? left : null };
    }
    if (e instanceof NetworkError) {
      markOnline(false);
      return { kind: 'network' };
    }
    throw e;
  }
  markOnline(true);
  const entry: LogEntry = {
    id: result.id,
    seq: 0,
    deviceId: device.deviceId,
    voucherId: `card:${card.number}`,
    cardNumber: card.number,
    points: result.points,
    ...(charge.lines ? { lines: charge.lines } : {}),
    offerId: charge.offerId,
    billFen: charge.billFen,
    discountFen: charge.discountFen,
    scannedAt: Date.now(),
    day: allianceDay(),
    path: 'online',
    status: 'answered',
    outcome: result.outcome,
    detail: result.detail,
    replayed: result.replayed,
    answeredAt: Date.now(),
  };
  await (await openStore()).put('log', entry);
  return { kind: 'captured', result };
}

let flushing: Promise<void> | undefined;
let failures = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleRetry(): void {
  if (retryTimer) return;
  failures++;
  const base = Math.min(MAX_BACKOFF_MS, 2000 * 2 ** Math.min(failures - 1, 10));
  const delay = base / 2 + Math.random() * (base / 2);
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    void flushOutbox();
  }, delay);
}

async function flushOnce(): Promise<void> {
  const deviceId = getState().device?.deviceId;
  if (!deviceId) return;
  for (;;) {
    const batch = (await outboxRecords(SYNC_BATCH + inFlight.size)).filter(
      (r) => r.deviceId === deviceId && !inFlight.has(r.id),
    );
    if (batch.length === 0) return;
    const records = batch.slice(0, SYNC_BATCH);
    const response = await deviceRequest('POST', '/v1/redemptions/sync', SyncResponse, {
      body: { records },
      timeoutMs: SYNC_TIMEOUT_MS,
    });
    markOnline(true);
    await applyResults(response.results);
    await setKv('missingSeqs', response.missingSeqs);
    setState({ missingSeqs: response.missingSeqs });
    // An answer that covers none of what we sent would loop forever: stop and retry later.
    if (!response.results.some((r) => records.some((s) => s.id === r.id))) {
      throw new Error('the sync answer covers none of the records sent');
    }
  }
}

/** Sends the outbox; one flush at a time (across tabs where Web Locks exist). */
export function flushOutbox(): Promise<void> {
  flushing ??= (async () => {
    setState({ syncing: true });
    try {
      const run = () => flushOnce();
      if (navigator.locks) await navigator.locks.request('merchant-outbox-flush', run);
      else await run();
      failures = 0;
    } catch (e) {
      if (e instanceof NetworkError) markOnline(false);
      if (!(e instanceof SignedOutError)) scheduleRetry();
    } finally {
      flushing = undefined;
      setState({ syncing: false });
      await refreshCounts();
    }
  })();
  return flushing;
}

/** Sync on reconnect, when the app comes back to the front, and every half minute while records wait. */
export function startSyncTriggers(): void {
  window.addEventListener('online', () => {
    markOnline(true);
    failures = 0;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = undefined;
    void flushOutbox();
  });
  window.addEventListener('offline', () => markOnline(false));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && getState().pending > 0) void flushOutbox();
  });
  setInterval(() => {
    if (getState().pending > 0 && !retryTimer) void flushOutbox();
  }, PERIODIC_SYNC_MS);
}
