/**
 * Activities (活动, issue #17) as the resident's phone asks for them: the list of what is coming
 * (kept for offline starts, like the history), 报名 and 取消报名 (online only), and check-in by the
 * organizer's rotating QR, whose text is `${PUBLIC_URL}/resident/#/checkin/<activityId>/<token>`:
 * opened as a link (the phone's camera) or read by the app's 扫一扫. A link is taken once: its
 * hash is dropped before anything is sent, so a reload does not post it again (a second post
 * would be harmless anyway: the server keeps the first time).
 */
import { z } from 'zod';
import { ActivityList, AttendanceView, SignupView } from '../../shared/api/activities.ts';
import { ApiError, NetworkError, residentRequest } from './api.ts';
import { getState, setState } from './state.ts';
import { setKv } from './store.ts';

export type Direction = 'in' | 'out';

/** A check-in link taken apart: the activity, the scanned token and what it is for. */
export interface CheckinLink {
  activityId: string;
  token: string;
  direction: Direction;
}

/** Where a check-in stands, for the result screen. */
export type Checkin =
  | { step: 'sending'; link: CheckinLink }
  | { step: 'done'; link: CheckinLink; at: string }
  | { step: 'refused'; link: CheckinLink; code: string }
  | { step: 'offline'; link: CheckinLink }
  /** The hash said check-in but the rest was not a code (a cut-off link): words, not a crash. */
  | { step: 'bad-link' }
  /** This browser has no signed-in resident (an iPhone's camera opens Safari, not the app). */
  | { step: 'no-session' };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** The token's shape as api/activities/checkin.ts makes it: `<i|o><step>.<mac>`. */
const CHECKIN_HASH = new RegExp(`^#/checkin/(${UUID})/([io]\\d{1,12}\\.[A-Za-z0-9_-]{22})/?$`, 'i');
const CHECKIN_PREFIX = '#/checkin';

/**
 * The check-in in a hash (`#/checkin/<id>/<token>`): the link, 'bad' for a hash that starts like
 * one but is not whole, or undefined for any other hash.
 */
export function checkinFromHash(hash: string): CheckinLink | 'bad' | undefined {
  if (!hash.startsWith(CHECKIN_PREFIX)) return undefined;
  const m = CHECKIN_HASH.exec(hash);
  if (!m) return 'bad';
  const token = m[2]!;
  return { activityId: m[1]!.toLowerCase(), token, direction: token.startsWith('i') ? 'in' : 'out' };
}

/**
 * A scanned text as a check-in of this alliance: a link to this very app (same origin, under
 * `appPath`) with a whole check-in hash. Anything else (a shop's voucher, another site, another
 * alliance's server) is undefined, and the scanner says so in words.
 */
export function checkinFromScan(text: string, origin: string, appPath: string): CheckinLink | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.origin !== origin || !url.pathname.startsWith(appPath)) return undefined;
  const link = checkinFromHash(url.hash);
  return link === 'bad' ? undefined : link;
}

function offline(e: unknown): boolean {
  if (!(e instanceof NetworkError)) return false;
  if (getState().online) setState({ online: false });
  return true;
}

/** What is coming, open to this resident; offline, the last list stays. */
export async function refreshActivities(): Promise<void> {
  if (getState().phase !== 'ready') return;
  try {
    const data = await residentRequest('GET', '/v1/activities', ActivityList);
    const activities = { data, fetchedAt: Date.now() };
    setState({ activities, online: true });
    await setKv('activities', activities);
  } catch (e) {
    if (!offline(e)) throw e;
  }
}

/** 报名: a place or the waiting list; the list is read again to show it. */
export async function signUp(activityId: string): Promise<void> {
  await residentRequest('POST', `/v1/activities/${activityId}/signups`, SignupView, { body: {} });
  await refreshActivities();
}

/** 取消报名: the first on the waiting list takes the place. */
export async function cancelSignup(activityId: string): Promise<void> {
  await residentRequest('DELETE', `/v1/activities/${activityId}/signups/me`, z.undefined());
  await refreshActivities();
}

/**
 * Sends the scanned token and shows the result screen: the time recorded, the refusal's code, or
 * that the network is needed.
 */
export async function checkIn(link: CheckinLink): Promise<void> {
  setState({ screen: 'checkin', checkin: { step: 'sending', link } });
  try {
    const view = await residentRequest(
      'POST',
      `/v1/activities/${link.activityId}/attendance`,
      AttendanceView,
      {
        body: { token: link.token },
      },
    );
    const at = (link.direction === 'in' ? view.checkedInAt : view.checkedOutAt) ?? new Date().toISOString();
    setState({ checkin: { step: 'done', link, at }, online: true });
    void refreshActivities().catch(() => {});
  } catch (e) {
    if (offline(e)) return setState({ checkin: { step: 'offline', link } });
    if (e instanceof ApiError) return setState({ checkin: { step: 'refused', link, code: e.type } });
    setState({ checkin: { step: 'refused', link, code: 'internal_error' } });
  }
}

/**
 * Takes a check-in link from the address (at start, or when a link opens the app already open):
 * drops the hash first, then checks in — or says this browser is not signed in.
 */
export function takeCheckinLink(): void {
  const link = checkinFromHash(location.hash);
  if (link === undefined) return;
  window.history.replaceState(null, '', location.pathname + location.search);
  if (getState().phase !== 'ready') setState({ checkin: { step: 'no-session' } });
  else if (link === 'bad') setState({ screen: 'checkin', checkin: { step: 'bad-link' } });
  else void checkIn(link);
}
