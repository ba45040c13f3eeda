/**
 * The resident's code: asking the API for one (POST /v1/vouchers holds capPoints of the
 * resident's points and answers with the signed "95…" text), asking what became of it
 * (GET /v1/vouchers/{id}), and putting it away (DELETE). The API keeps at most one open code per
 * person: a new code releases the last one in the same transaction, so renewing, changing the
 * amount or reopening the app never holds points twice.
 *
 * The code on screen is kept on the phone: an app closed while it showed a code (the phone
 * locked, the app swiped away) opens again with the same code, or with what became of it.
 * The home screen's button starts the request at the tap, before the code screen's module has
 * even loaded, to put a code on screen as fast as the network allows.
 */
import { z } from 'zod';
import { VoucherResponse, VoucherStatus } from '../../shared/api/resident.ts';
import { NetworkError, residentRequest, SignedOutError } from './api.ts';
import { getState, serverNow, setState } from './state.ts';
import { deleteKv, getKv, type OpenCode, setKv } from './store.ts';
import { clockOffset } from './voucher-timing.ts';

export async function fetchVoucher(capPoints?: number): Promise<VoucherResponse> {
  const sentAt = Date.now();
  const voucher = await residentRequest('POST', '/v1/vouchers', VoucherResponse, {
    body: capPoints === undefined ? {} : { capPoints },
  });
  const clockOffsetMs = clockOffset(voucher.serverTime, sentAt, Date.now());
  setState({ online: true, clockOffsetMs });
  await setKv('openCode', { voucher, clockOffsetMs });
  return voucher;
}

export const voucherStatus = (voucherId: string): Promise<VoucherStatus> =>
  residentRequest('GET', `/v1/vouchers/${voucherId}`, VoucherStatus);

/** The phone stops remembering the code (unless a newer one has taken its place). */
export async function forgetVoucher(voucherId: string): Promise<void> {
  const stored = await getKv('openCode');
  if (stored?.voucher.voucherId === voucherId) await deleteKv('openCode');
}

/**
 * The resident closed the code: its points come back at once. Offline the API cannot be told,
 * and the hold ends with the code's capture window (or with the next code) instead.
 */
export async function putAwayVoucher(voucherId: string): Promise<void> {
  await forgetVoucher(voucherId);
  try {
    await residentRequest('DELETE', `/v1/vouchers/${voucherId}`, z.undefined());
  } catch {
    // Offline or refused: the hold ends on its own (its capture window, or the next code).
  }
}

/** How the code screen starts: a request the tap started, or the code the app was showing when it closed. */
export type Opening =
  | { kind: 'request'; promise: Promise<VoucherResponse> }
  | { kind: 'resume'; voucher: VoucherResponse }
  | { kind: 'used'; voucher: VoucherResponse; status: VoucherStatus };

let opening: Opening | undefined;

export function showCode(capPoints?: number): void {
  const promise = fetchVoucher(capPoints);
  // The screen reports failures; this only keeps an unobserved rejection quiet.
  promise.catch(() => {});
  opening = { kind: 'request', promise };
  if (getState().screen !== 'code') setState({ screen: 'code' });
}

/** How the code screen starts, once: a remount asks anew. */
export function takeOpening(): Opening | undefined {
  const taken = opening;
  opening = undefined;
  return taken;
}

/**
 * At start: the code the app was showing when it was closed goes straight back on screen while
 * it is valid by the server's clock, and the code screen asks the API at once what became of it
 * (still open: it stays; used: the success panel; else it is forgotten). Of an expired one the
 * app asks first: used, the success panel shows; else it is put away, so its points come back
 * before its capture window ends.
 */
export async function resumeOpenCode(stored: OpenCode | undefined): Promise<void> {
  if (!stored) return;
  const { voucher } = stored;
  if (getState().clockOffsetMs === 0) setState({ clockOffsetMs: stored.clockOffsetMs });
  if (serverNow() < Date.parse(voucher.expiresAt)) {
    opening = { kind: 'resume', voucher };
    setState({ screen: 'code' });
    return;
  }
  try {
    const status = await voucherStatus(voucher.voucherId);
    // The resident has moved on (a new code, another screen) while the API answered.
    if (getState().screen !== 'home' || (await getKv('openCode'))?.voucher.voucherId !== voucher.voucherId) {
      return;
    }
    if (status.state === 'captured') {
      opening = { kind: 'used', voucher, status };
      setState({ screen: 'code' });
      return;
    }
  } catch (e) {
    // Offline: ask again at the next start.
    if (e instanceof NetworkError || e instanceof SignedOutError) return;
  }
  await putAwayVoucher(voucher.voucherId);
}
