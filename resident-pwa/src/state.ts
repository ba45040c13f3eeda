/**
 * The app's live state, observable by the screens: one plain object replaced on every change,
 * so a screen re-renders by comparing references.
 */

import type { z } from 'zod';
import type { ActivityList } from '../../shared/api/activities.ts';
import type { CouponList } from '../../shared/api/coupons.ts';
import type { ClaimList, DeductionView, FeedItem, RuleList } from '../../shared/api/earning.ts';
import type { SheetView } from '../../shared/api/households.ts';
import type { HistoryResponse, MeResponse } from '../../shared/api/resident.ts';
import { createStore } from '../../shared/client/store.ts';
import type { Checkin } from './activities.ts';
import type { Notice } from './households.ts';
import type { MerchantList } from './merchants.ts';
import type { PendingClaim } from './outbox.ts';
import type { Rankings } from './rankings.ts';
import type { Cached, Settings, SignedOutReason } from './store.ts';

export type Screen =
  | 'home'
  | 'code'
  | 'merchants'
  | 'settings'
  | 'claims'
  | 'claim-new'
  | 'feed'
  | 'household'
  | 'notice'
  | 'activities'
  | 'checkin'
  | 'scan'
  | 'ranking'
  | 'coupons';

export interface AppState {
  phase: 'loading' | 'enroll' | 'ready';
  screen: Screen;
  settings: Settings;
  me?: Cached<MeResponse>;
  history?: Cached<HistoryResponse>;
  merchants?: Cached<MerchantList>;
  coupons?: Cached<CouponList>;
  rules?: Cached<RuleList>;
  claims?: Cached<ClaimList>;
  deductions?: Cached<{ deductions: DeductionView[] }>;
  /** The household's scoring sheets (this month's so far and the closed ones). */
  sheets?: Cached<{ sheets: SheetView[] }>;
  /** The notice (一月一公示) of the household's latest closed month. */
  notice?: Cached<Notice>;
  /** Upcoming activities open to the resident, with their own sign-up. */
  activities?: Cached<z.infer<typeof ActivityList>>;
  /** This month's ranking (residents, and households for a member of one). */
  rankings?: Cached<Rankings>;
  /** The check-in the result screen shows (from a link or 扫一扫); never kept on the phone. */
  checkin?: Checkin;
  /** Claims waiting on this phone to be filed (oldest first). */
  outbox: PendingClaim[];
  /** The good-deeds feed, newest first (online only: its photos need the network anyway). */
  feed?: FeedItem[];
  /** Where the claims screen opens scrolled to (home's deduction notice opens the deductions). */
  focus?: 'deductions';
  /** Whether the last request reached the API (the browser's onLine flag is not enough). */
  online: boolean;
  /** Server clock minus device clock in ms, from the last answer carrying serverTime. */
  clockOffsetMs: number;
  /** Why the phone is back at enrollment, to say so. */
  signedOut?: SignedOutReason;
  /** A code from the enrollment link (#enroll=…) the resident opened. */
  enrollCode?: string;
}

const store = createStore<AppState>({
  phase: 'loading',
  screen: 'home',
  settings: { lang: 'zh', largeText: false, highContrast: false },
  online: true,
  clockOffsetMs: 0,
  outbox: [],
});
export const getState = store.get;
export const setState = store.set;
export const useAppState = store.use;

/** Unix ms by the server's clock, as far as this phone can tell. */
export const serverNow = (): number => Date.now() + getState().clockOffsetMs;

/** The signed-in resident's data, gone: at enrollment and sign-out. */
export const NO_SESSION_DATA = {
  me: undefined,
  history: undefined,
  merchants: undefined,
  rules: undefined,
  claims: undefined,
  deductions: undefined,
  outbox: [],
  feed: undefined,
  sheets: undefined,
  notice: undefined,
  activities: undefined,
  rankings: undefined,
  checkin: undefined,
} satisfies Partial<AppState>;
