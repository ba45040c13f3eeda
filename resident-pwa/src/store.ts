/**
 * The phone's own database (IndexedDB through idb): the session tokens, the last answers the API
 * gave (so the app opens offline with them and their age), the code on screen (so a reopened app
 * shows the same code instead of making another), and the resident's settings.
 *
 * Tokens live here rather than in localStorage because the refresh token rotates: the new pair
 * must replace the old one in one write that no other tab can interleave with, and IndexedDB
 * transactions give that. Either is readable by scripts on this origin; signing out or the
 * coordinator revoking the phone is the remedy for a lost one.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { z } from 'zod';
import type { ActivityList } from '../../shared/api/activities.ts';
import type { CouponCode, CouponList } from '../../shared/api/coupons.ts';
import type { ClaimList, DeductionView, RuleList } from '../../shared/api/earning.ts';
import type { SheetView } from '../../shared/api/households.ts';
import type { HistoryResponse, MeResponse, VoucherResponse } from '../../shared/api/resident.ts';
import type { Notice } from './households.ts';
import type { MerchantList } from './merchants.ts';
import type { PendingClaim } from './outbox.ts';
import type { Rankings } from './rankings.ts';

export type { Tokens } from '../../shared/client/session-client.ts';

import type { Tokens } from '../../shared/client/session-client.ts';

/** An answer from the API and when it arrived (device clock, Unix ms). */
export interface Cached<T> {
  data: T;
  fetchedAt: number;
}

export interface Settings {
  lang: 'zh' | 'en';
  largeText: boolean;
  highContrast: boolean;
}

export type SignedOutReason = 'revoked' | 'signed_out';

/** The code on screen and the server clock's offset when it came (for its countdown on reopening). */
export interface OpenCode {
  voucher: VoucherResponse;
  clockOffsetMs: number;
}

interface Kv {
  tokens: Tokens;
  me: Cached<MeResponse>;
  history: Cached<HistoryResponse>;
  merchants: Cached<MerchantList>;
  /** The code the app last showed and has not yet seen used or put away. */
  openCode: OpenCode;
  settings: Settings;
  signedOut: SignedOutReason;
  /** The rules this resident may claim under, their claims and their deductions (for offline starts). */
  rules: Cached<RuleList>;
  claims: Cached<ClaimList>;
  deductions: Cached<{ deductions: DeductionView[] }>;
  /** The household's sheets and its latest closed month's notice (for offline starts). */
  sheets: Cached<{ sheets: SheetView[] }>;
  notice: Cached<Notice>;
  /** Upcoming activities and this month's ranking (for offline starts). */
  activities: Cached<z.infer<typeof ActivityList>>;
  rankings: Cached<Rankings>;
  /** Claims typed on this phone and not yet filed, with their scaled photos (outbox.ts). */
  outbox: PendingClaim[];
  /** The resident's coupons, and the last code got for each (shown offline while valid). */
  coupons: Cached<CouponList>;
  couponCodes: Record<string, CouponCode>;
}

/** What belongs to the signed-in resident (settings stay with the phone). */
export const SESSION_KEYS = [
  'me',
  'history',
  'merchants',
  'openCode',
  'rules',
  'claims',
  'deductions',
  'outbox',
  'sheets',
  'notice',
  'activities',
  'rankings',
  'coupons',
  'couponCodes',
] as const satisfies readonly (keyof Kv)[];

interface ResidentDb extends DBSchema {
  kv: { key: keyof Kv; value: Kv[keyof Kv] };
}

let dbPromise: Promise<IDBPDatabase<ResidentDb>> | undefined;

export function openStore(): Promise<IDBPDatabase<ResidentDb>> {
  dbPromise ??= openDB<ResidentDb>('resident', 1, {
    upgrade(db) {
      db.createObjectStore('kv');
    },
  });
  return dbPromise;
}

export async function getKv<K extends keyof Kv>(key: K): Promise<Kv[K] | undefined> {
  return (await (await openStore()).get('kv', key)) as Kv[K] | undefined;
}

export async function setKv<K extends keyof Kv>(key: K, value: Kv[K]): Promise<void> {
  await (await openStore()).put('kv', value, key);
}

export async function deleteKv(key: keyof Kv): Promise<void> {
  await (await openStore()).delete('kv', key);
}

/** Everything that belongs to the signed-in resident goes; settings stay with the phone. */
export async function clearSession(reason?: SignedOutReason): Promise<void> {
  const db = await openStore();
  const tx = db.transaction('kv', 'readwrite');
  await Promise.all([
    tx.store.delete('tokens'),
    ...SESSION_KEYS.map((key) => tx.store.delete(key)),
    reason ? tx.store.put(reason, 'signedOut') : tx.store.delete('signedOut'),
  ]);
  await tx.done;
}
