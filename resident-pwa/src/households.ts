/**
 * The household's scoring (issue #16) as the resident's phone asks for it: the household's
 * monthly sheets (this month's so far and the closed ones), the latest closed month's notice
 * (一月一公示, names masked by the API), and an objection (异议) to a closed sheet. The last
 * answers are kept for offline starts, like the history.
 */
import type { z } from 'zod';
import { ObjectionView, ScoringNotice, SheetList, type SheetView } from '../../shared/api/households.ts';
import { NetworkError, residentRequest } from './api.ts';
import { getState, setState } from './state.ts';
import { setKv } from './store.ts';

/** The scoring section of the monthly notice, as the API answers a resident (names masked). */
export type Notice = z.infer<typeof ScoringNotice>;

function offline(e: unknown): boolean {
  if (!(e instanceof NetworkError)) return false;
  if (getState().online) setState({ online: false });
  return true;
}

/** The month whose notice the app shows: the newest closed sheet's. */
export function noticeMonth(sheets: readonly SheetView[]): string | undefined {
  return sheets
    .filter((s) => s.status === 'closed')
    .map((s) => s.month)
    .sort()
    .at(-1);
}

/** Sheets newest month first (this month's, still open, on top). */
export function sortSheets(sheets: readonly SheetView[]): SheetView[] {
  return [...sheets].sort((a, b) => b.month.localeCompare(a.month));
}

/**
 * The household's sheets, then the notice of its latest closed month. Offline (or with no
 * household), the last answers stay.
 */
export async function refreshHousehold(): Promise<void> {
  const state = getState();
  const householdId = state.me?.data.resident.householdId;
  if (state.phase !== 'ready' || !householdId) return;
  try {
    const sheets = await residentRequest('GET', `/v1/households/${householdId}/sheets`, SheetList);
    const cachedSheets = { data: sheets, fetchedAt: Date.now() };
    setState({ sheets: cachedSheets, online: true });
    await setKv('sheets', cachedSheets);
    const month = noticeMonth(sheets.sheets);
    if (!month) return;
    const notice = await residentRequest('GET', `/v1/scoring/months/${month}/notice`, ScoringNotice);
    const cachedNotice = { data: notice, fetchedAt: Date.now() };
    setState({ notice: cachedNotice });
    await setKv('notice', cachedNotice);
  } catch (e) {
    if (!offline(e)) throw e;
  }
}

/** One objection to a closed sheet, within the window; the sheets are read again after. */
export async function objectToSheet(sheetId: string, note: string): Promise<void> {
  await residentRequest('POST', `/v1/sheets/${sheetId}/objections`, ObjectionView, {
    body: { note: note.trim() },
  });
  await refreshHousehold();
}
