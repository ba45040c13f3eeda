/**
 * Asking the API for a voucher (POST /v1/vouchers), which places a hold of capPoints on the
 * resident's points and answers with the signed "95…" text. The home screen's button starts the
 * request at the tap, before the code screen's module has even loaded, to put a code on screen
 * as fast as the network allows.
 */
import { VoucherResponse } from '../../shared/api/resident.ts';
import { residentRequest } from './api.ts';
import { getState, serverNow, setState } from './state.ts';
import { clockOffset } from './voucher-timing.ts';

/**
 * `replaces`: the code on screen that this one takes over from; the API releases its hold at
 * once instead of at the end of its capture window, so renewing never locks up twice the points.
 */
export async function fetchVoucher(capPoints?: number, replaces?: string): Promise<VoucherResponse> {
  const sentAt = Date.now();
  const voucher = await residentRequest('POST', '/v1/vouchers', VoucherResponse, {
    body: { ...(capPoints === undefined ? {} : { capPoints }), ...(replaces ? { replaces } : {}) },
  });
  setState({ online: true, clockOffsetMs: clockOffset(voucher.serverTime, sentAt, Date.now()) });
  lastShown = { voucherId: voucher.voucherId, expiresAtMs: Date.parse(voucher.expiresAt) };
  return voucher;
}

/** The latest code this app showed, so showing one again soon after replaces it. */
let lastShown: { voucherId: string; expiresAtMs: number } | undefined;

/** A fresh code with the same cap for the one on screen, which it replaces. */
export const renewVoucher = (current: VoucherResponse): Promise<VoucherResponse> =>
  fetchVoucher(current.capPoints, current.voucherId);

let started: { promise: Promise<VoucherResponse>; capPoints: number | undefined } | undefined;

/**
 * Starts the request at the tap and opens the code screen, which picks the request up. A code
 * the resident closed moments ago is still valid and holds points: the new one replaces it, or
 * opening the screen a few times would lock up the points until the capture windows close.
 */
export function showCode(capPoints?: number): void {
  const previous = lastShown && serverNow() < lastShown.expiresAtMs ? lastShown.voucherId : undefined;
  const promise = fetchVoucher(capPoints, previous);
  // The screen reports failures; this only keeps an unobserved rejection quiet.
  promise.catch(() => {});
  started = { promise, capPoints };
  if (getState().screen !== 'code') setState({ screen: 'code' });
}

/** The request the tap started, once: a remount asks anew. */
export function takeStartedVoucher(): Promise<VoucherResponse> | undefined {
  const request = started?.promise;
  started = undefined;
  return request;
}
