/**
 * The app's live state, observable by the screens: one plain object replaced on every change,
 * so a screen re-renders by comparing references. No framework of our own beyond this.
 */
import { createStore } from '../../shared/client/store.ts';
import type { KeyIndex } from '../../shared/jwks.ts';
import type { Lang } from './i18n.ts';
import type { CachedConfig, DeviceIdentity, LogEntry } from './store.ts';

/** A problem the API answered an online capture with: nothing was taken. */
export interface OnlineRefusal {
  type:
    | 'out_of_stock'
    | 'basket_prices_changed'
    | 'goods_not_found'
    | 'offer_limit_reached'
    | 'offer_out_of_season'
    | 'offer_min_bill';
  /** out_of_stock: the good that ran short and how many the shelf had. */
  name?: string;
  stock?: number;
}

export interface AppState {
  phase: 'loading' | 'enroll' | 'ready';
  lang: Lang;
  device?: DeviceIdentity;
  config?: CachedConfig;
  keys?: KeyIndex;
  /** Records in the outbox for this device. */
  pending: number;
  /** Records in the outbox signed by an earlier enrollment of this phone (cannot be sent). */
  stranded: number;
  /** What the device believes: the browser says online and the last request got through. */
  online: boolean;
  syncing: boolean;
  /** Voucher ids taken here (pending or accepted): refused at once when scanned again. */
  taken: ReadonlySet<string>;
  /** Answers that arrived since the app opened, by record id (the done screen watches these). */
  answers: ReadonlyMap<string, LogEntry>;
  /**
   * Baskets the API refused online before taking anything (out of stock, prices changed), by
   * record id: the record left the outbox and the done screen says why in words.
   */
  refusals: ReadonlyMap<string, OnlineRefusal>;
  missingSeqs: number[];
  /** Why the device was sent back to enrollment. */
  signedOut?: 'revoked' | 'expired';
}

const store = createStore<AppState>({
  phase: 'loading',
  lang: 'zh',
  pending: 0,
  stranded: 0,
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  syncing: false,
  taken: new Set(),
  answers: new Map(),
  refusals: new Map(),
  missingSeqs: [],
});
export const getState = store.get;
export const setState = store.set;
export const useAppState = store.use;
