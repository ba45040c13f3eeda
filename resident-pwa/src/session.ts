/**
 * The signed-in resident: enrolling, loading what the phone remembers (and the code it was
 * showing when it was closed), refreshing balance, history and merchants from the API (keeping
 * the last answers for offline starts), settings, and signing out.
 */
import { HistoryResponse, MeResponse } from '../../shared/api/resident.ts';
import { refreshActivities, takeCheckinLink } from './activities.ts';
import { enrollResident, logout, NetworkError, onSignedOut, residentRequest } from './api.ts';
import { refreshEarning } from './earning.ts';
import { enrollmentCodeFrom } from './enroll-code.ts';
import { refreshHousehold } from './households.ts';
import { MerchantList } from './merchants.ts';
import { sendOutbox } from './outbox.ts';
import { getState, NO_SESSION_DATA, setState } from './state.ts';
import { type Cached, clearSession, getKv, openStore, SESSION_KEYS, type Settings, setKv } from './store.ts';
import { resumeOpenCode } from './voucher.ts';
import { clockOffset } from './voucher-timing.ts';

export function markOnline(online: boolean): void {
  if (getState().online !== online) setState({ online });
}

export function applySettings(settings: Settings): void {
  const root = document.documentElement;
  root.lang = settings.lang === 'zh' ? 'zh-CN' : 'en';
  root.classList.toggle('large-text', settings.largeText);
  root.classList.toggle('high-contrast', settings.highContrast);
}

export async function updateSettings(patch: Partial<Settings>): Promise<void> {
  const settings = { ...getState().settings, ...patch };
  setState({ settings });
  applySettings(settings);
  await setKv('settings', settings);
}

/** Opens with what the phone remembers: no network needed to show the last balance. */
export async function loadSession(): Promise<void> {
  const [
    tokens,
    me,
    history,
    merchants,
    settings,
    signedOut,
    openCode,
    rules,
    claims,
    deductions,
    outbox,
    sheets,
    notice,
    activities,
    rankings,
  ] = await Promise.all([
    getKv('tokens'),
    getKv('me'),
    getKv('history'),
    getKv('merchants'),
    getKv('settings'),
    getKv('signedOut'),
    getKv('openCode'),
    getKv('rules'),
    getKv('claims'),
    getKv('deductions'),
    getKv('outbox'),
    getKv('sheets'),
    getKv('notice'),
    getKv('activities'),
    getKv('rankings'),
  ]);
  if (settings) applySettings(settings);
  const linkCode = enrollmentCodeFrom(location.hash);
  if (linkCode) dropHash();
  setState({
    settings: settings ?? getState().settings,
    phase: tokens ? 'ready' : 'enroll',
    me,
    history,
    merchants,
    rules,
    claims,
    deductions,
    outbox: outbox ?? [],
    sheets,
    notice,
    activities,
    rankings,
    signedOut: tokens ? undefined : signedOut,
    enrollCode: tokens ? undefined : linkCode,
  });
  if (tokens) void resumeOpenCode(openCode).catch(() => {});
  takeCheckinLink();
}

/**
 * A slip's link opened while the app is already open changes only the hash: take the code then
 * too (when no one is signed in on this phone).
 */
export function takeEnrollmentLink(): void {
  const code = enrollmentCodeFrom(location.hash);
  if (!code) return;
  dropHash();
  if (getState().phase === 'enroll') setState({ enrollCode: code });
}

/** Drops #enroll=… from the address so a reload or a shared link does not carry the code. */
function dropHash(): void {
  window.history.replaceState(null, '', location.pathname + location.search);
}

export async function enroll(code: string): Promise<void> {
  await enrollResident(code);
  // Whatever an earlier resident left on this phone goes before the new one's data arrives.
  await clearSessionData();
  setState({ phase: 'ready', screen: 'home', signedOut: undefined, enrollCode: undefined });
  await refreshAll();
}

async function clearSessionData(): Promise<void> {
  const db = await openStore();
  const tx = db.transaction('kv', 'readwrite');
  await Promise.all([...SESSION_KEYS.map((key) => tx.store.delete(key)), tx.store.delete('signedOut')]);
  await tx.done;
  setState({ ...NO_SESSION_DATA });
}

async function timed<T>(fetchIt: () => Promise<T>): Promise<{ data: T; sentAt: number; receivedAt: number }> {
  const sentAt = Date.now();
  const data = await fetchIt();
  return { data, sentAt, receivedAt: Date.now() };
}

/**
 * Balance and history (and, less urgently, the merchants). Offline, the cached answers stay on
 * screen and `online` turns false so the screens say how old they are.
 */
export async function refreshAll(): Promise<void> {
  // No one is signed in: nothing to ask (and no session to end).
  if (getState().phase !== 'ready') return;
  try {
    const [me, history] = await Promise.all([
      timed(() => residentRequest('GET', '/v1/me', MeResponse)),
      timed(() => residentRequest('GET', '/v1/me/history?limit=50', HistoryResponse)),
    ]);
    const cachedMe: Cached<MeResponse> = { data: me.data, fetchedAt: me.receivedAt };
    const cachedHistory: Cached<HistoryResponse> = { data: history.data, fetchedAt: history.receivedAt };
    setState({
      me: cachedMe,
      history: cachedHistory,
      online: true,
      clockOffsetMs: clockOffset(me.data.serverTime, me.sentAt, me.receivedAt),
    });
    await Promise.all([setKv('me', cachedMe), setKv('history', cachedHistory)]);
  } catch (e) {
    if (e instanceof NetworkError) return markOnline(false);
    throw e;
  }
  void refreshMerchants().catch(() => {});
  void refreshHousehold().catch(() => {});
  void refreshActivities().catch(() => {});
  // Claims typed offline go first, so the list that follows shows them filed.
  void sendOutbox()
    .then(refreshEarning)
    .catch(() => {});
}

export async function refreshMerchants(): Promise<void> {
  try {
    const data = await residentRequest('GET', '/v1/merchants', MerchantList);
    const merchants = { data, fetchedAt: Date.now() };
    setState({ merchants });
    await setKv('merchants', merchants);
  } catch (e) {
    if (e instanceof NetworkError) return markOnline(false);
    throw e;
  }
}

async function endSession(reason: 'revoked' | 'signed_out'): Promise<void> {
  await clearSession(reason);
  setState({
    phase: 'enroll',
    screen: 'home',
    ...NO_SESSION_DATA,
    signedOut: reason,
  });
}
onSignedOut(() => endSession('revoked'));

export async function signOut(): Promise<void> {
  await logout();
  await endSession('signed_out');
}
