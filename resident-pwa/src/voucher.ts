/**
 * Asking the API for a voucher (POST /v1/vouchers), which places a hold of capPoints on the
 * resident's points and answers with the signed "95…" text. The home screen's button starts the
 * request at the tap, before the code screen's module has even loaded, to put a code on screen
 * as fast as the network allows.
 */
import { VoucherResponse } from '../../shared/api/resident.ts';
import { ApiError, residentRequest } from './api.ts';
import { getState, setState } from './state.ts';
import { clockOffset } from './voucher-timing.ts';

export async function fetchVoucher(capPoints?: number): Promise<VoucherResponse> {
  const sentAt = Date.now();
  const voucher = await residentRequest('POST', '/v1/vouchers', VoucherResponse, {
    body: capPoints === undefined ? {} : { capPoints },
  });
  setState({ online: true, clockOffsetMs: clockOffset(voucher.serverTime, sentAt, Date.now()) });
  return voucher;
}

/**
 * A fresh code for one already on screen. The old code's hold still covers its points until it
 * is captured or its capture window closes, so asking for the same cap again can fail when that
 * cap was everything available; then the API's default (what is still free) is tried once.
 */
export async function renewVoucher(current: VoucherResponse): Promise<VoucherResponse> {
  try {
    return await fetchVoucher(current.capPoints);
  } catch (e) {
    if (e instanceof ApiError && e.type === 'insufficient_points') return fetchVoucher();
    throw e;
  }
}

let started: { promise: Promise<VoucherResponse>; capPoints: number | undefined } | undefined;

/** Starts the request at the tap and opens the code screen, which picks the request up. */
export function showCode(capPoints?: number): void {
  const promise = fetchVoucher(capPoints);
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
