/**
 * The device's own database (IndexedDB): its key and tokens, the cached configuration, the
 * outbox of signed records not yet answered by the API, and the log of every record this device
 * made with its outcome.
 *
 * Promises: a record, its log entry and the next seq are written in one transaction, so the
 * outbox never holds a seq twice and never skips one; a record leaves the outbox only in the
 * transaction that stores its outcome in the log.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { z } from 'zod';
import type { MerchantConfig, RecordOutcome, StatementList } from '../../shared/api/merchant.ts';
import type { RedemptionRecord } from '../../shared/redemption-record.ts';
import type { BasketLine } from './basket.ts';

export interface DeviceIdentity {
  deviceId: string;
  merchantNumber: number;
  /**
   * The Ed25519 seed. Readable by any script running on this origin: WebCrypto's non-extractable
   * Ed25519 keys would hide it, but their sign() is async and not in every browser the shops use,
   * and signing must stay synchronous inside the outbox transaction. Revoking the device at the
   * coordinator console is the remedy for a lost phone.
   */
  seed: Uint8Array;
  publicKey: string;
  enrolledAt: number;
  /** The name given at enrollment (前台手机), shown instead of the device id. */
  name?: string;
}

export type { Tokens } from '../../shared/client/session-client.ts';

import type { Tokens } from '../../shared/client/session-client.ts';

export interface CachedConfig {
  config: MerchantConfig;
  fetchedAt: number;
  /** Server clock minus device clock, in ms, estimated at fetch time. */
  clockOffsetMs: number;
}

/** How a record was meant to travel: counted against the offline limits unless captured online. */
export type RecordPath = 'online' | 'offline';

export interface LogEntry {
  id: string;
  seq: number;
  deviceId: string;
  voucherId: string;
  /** A household card's 16 digits, when the points were taken with a card instead of a code. */
  cardNumber?: string;
  points: number;
  offerId: string | null;
  billFen: number;
  discountFen: number;
  /** A basket's lines with their names and units, for the receipt and today's list offline. */
  lines?: BasketLine[];
  scannedAt: number;
  /** YYYY-MM-DD in the alliance's time zone. */
  day: string;
  path: RecordPath;
  status: 'pending' | 'answered';
  outcome?: RecordOutcome;
  detail?: string | null;
  replayed?: boolean;
  limitBreaches?: string[];
  answeredAt?: number;
  reversed?: boolean;
}

interface KvValues {
  device: DeviceIdentity;
  tokens: Tokens;
  nextSeq: number;
  config: CachedConfig;
  lang: 'zh' | 'en';
  statements: { list: z.infer<typeof StatementList>; fetchedAt: number };
  /** Why the device was sent back to enrollment, shown once on the enrollment screen. */
  signedOut: string;
  /** Seqs the API reported it never saw, from the last sync. */
  missingSeqs: number[];
}
export type KvKey = keyof KvValues;

export interface MerchantDb extends DBSchema {
  kv: { key: string; value: unknown };
  outbox: { key: string; value: RedemptionRecord; indexes: { seq: number } };
  log: { key: string; value: LogEntry; indexes: { voucherId: string; day: string } };
}

export type Db = IDBPDatabase<MerchantDb>;
export const DB_NAME = 'alliance-merchant';

let opened: Promise<Db> | undefined;

export function openStore(): Promise<Db> {
  opened ??= openDB<MerchantDb>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('kv');
      db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('seq', 'seq', { unique: true });
      const log = db.createObjectStore('log', { keyPath: 'id' });
      log.createIndex('voucherId', 'voucherId');
      log.createIndex('day', 'day');
    },
  });
  return opened;
}

export async function getKv<K extends KvKey>(key: K): Promise<KvValues[K] | undefined> {
  return (await (await openStore()).get('kv', key)) as KvValues[K] | undefined;
}

export async function setKv<K extends KvKey>(key: K, value: KvValues[K]): Promise<void> {
  await (await openStore()).put('kv', value, key);
}

export async function deleteKv(key: KvKey): Promise<void> {
  await (await openStore()).delete('kv', key);
}

/** The outbox in seq order, so the API sees a device's records as it made them. */
export async function outboxRecords(limit: number): Promise<RedemptionRecord[]> {
  return (await openStore()).getAllFromIndex('outbox', 'seq', undefined, limit);
}

export async function logForDay(day: string): Promise<LogEntry[]> {
  const entries = await (await openStore()).getAllFromIndex('log', 'day', day);
  // Newest first. An online card capture has no seq (nothing was signed): its time places it.
  return entries.sort((a, b) => b.scannedAt - a.scannedAt || b.seq - a.seq);
}
