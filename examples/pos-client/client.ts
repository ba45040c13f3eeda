/**
 * A till's whole conversation with the alliance, typed from /openapi.json (api.d.ts, made by
 * openapi-typescript) and sent with openapi-fetch: verify the scanned code, capture with an
 * Idempotency-Key that is the till's own sale number (so a retry after a dropped connection can
 * never take the points twice), and reverse when the customer changes their mind.
 */
import createClient from 'openapi-fetch';
import type { paths } from './api.d.ts';

export const posClient = (baseUrl: string, posKey: string, fetch?: typeof globalThis.fetch) =>
  createClient<paths>({
    baseUrl,
    headers: { authorization: `Bearer ${posKey}` },
    ...(fetch ? { fetch } : {}),
  });

export async function takePoints(
  api: ReturnType<typeof posClient>,
  voucher: string,
  points: number,
  saleId: string,
) {
  const { data: check } = await api.POST('/v1/pos/verify', { body: { voucher } });
  if (!check?.valid) return { ok: false as const, why: check?.error ?? 'unreadable' };
  if (check.state !== 'open' || !check.forThisMerchant)
    return { ok: false as const, why: check.state ?? 'other shop' };
  const idempotencyKey = `sale-${saleId}`;
  for (let attempt = 1; ; attempt++) {
    try {
      const { data, error } = await api.POST('/v1/pos/captures', {
        params: { header: { 'idempotency-key': idempotencyKey } },
        body: { voucher, points },
      });
      if (error) return { ok: false as const, why: error.type };
      return { ok: data.outcome === 'accepted', why: data.outcome, capture: data };
    } catch (dropped) {
      if (attempt === 3) throw dropped; // the till keeps the sale and asks again later, same key
      await new Promise((r) => setTimeout(r, 300 * attempt));
    }
  }
}

export const reverse = (api: ReturnType<typeof posClient>, captureId: string) =>
  api.POST('/v1/pos/captures/{id}/reverse', { params: { path: { id: captureId } } });
