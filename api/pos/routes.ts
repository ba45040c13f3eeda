/**
 * The POS integration: a till system with a per-merchant API key verifies a scanned voucher and
 * captures points from it, online, with an Idempotency-Key so a retried request never captures
 * twice (docs/pos-integration.md). Captures go through the same ledger function as devices.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { RecordOutcome } from '../../shared/api/merchant.ts';
import { Text } from '../../shared/text.ts';
import { verifyVoucher } from '../../shared/voucher.ts';
import { requireRole } from '../auth/middleware.ts';
import { alliances, holds, merchants } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { RouteDeps } from '../http/deps.ts';
import { idempotent, requestHash, requireIdempotencyKey } from '../http/idempotency.ts';
import { bearerSecurity, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { capturePoints, refuseRecord } from '../ledger/capture.ts';
import { derivedId } from '../ledger/ids.ts';
import { cachedKeyIndex } from '../redemptions/verify.ts';
import { ed25519Node } from '../vouchers/ed25519-node.ts';

const VoucherText = Text(400).trim().min(2).openapi({ description: 'The scanned "95…" digits' });
const VerifyRequest = z.strictObject({ voucher: VoucherText });
const VerifyResponse = z
  .object({
    valid: z.boolean(),
    /** The spec's error code when not valid (expired, bad_signature, …). */
    error: z.string().nullable(),
    voucher: z
      .object({
        voucherId: z.string(),
        shortId: z.string(),
        capPoints: z.number().int(),
        issuedAt: z.number().int(),
        expiresAt: z.number().int(),
        merchantScope: z.number().int(),
      })
      .nullable(),
    /** open: may be captured; captured: already used; released/expired: points went back. */
    state: z.enum(['open', 'captured', 'released', 'expired', 'unknown']).nullable(),
    /** False when the voucher is scoped to another merchant. */
    forThisMerchant: z.boolean(),
  })
  .openapi('PosVerification');

const CaptureRequest = z.strictObject({
  voucher: VoucherText,
  points: z.number().int().min(1).max(1_000_000),
  offerId: Text(100).min(1).optional(),
  billFen: z.number().int().min(0).max(100_000_000),
  discountFen: z.number().int().min(0).max(100_000_000),
});
const CaptureResponse = z
  .object({
    id: z.string().openapi({ description: 'The redemption record id' }),
    outcome: RecordOutcome,
    detail: z.string().nullable(),
    points: z.number().int(),
  })
  .openapi('PosCapture');

export function posRoutes(deps: RouteDeps) {
  const app = createRouter();
  const pos = requireRole(deps, 'pos');

  async function context(allianceId: string, merchantId: string) {
    const [row] = await deps.db
      .select({ number: merchants.number, skew: alliances.skewSeconds })
      .from(merchants)
      .innerJoin(alliances, eq(alliances.id, merchants.allianceId))
      .where(and(eq(merchants.id, merchantId), eq(merchants.allianceId, allianceId)));
    if (!row) throw new AppError('not_found', { detail: 'This key’s merchant no longer exists.' });
    return {
      ...row,
      keys: await cachedKeyIndex(deps.db, allianceId),
      now: Math.floor(deps.clock.now().getTime() / 1000),
    };
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/pos/verify',
      tags: ['POS'],
      summary: 'Check a scanned voucher: valid, its cap, and whether it can still be captured here',
      security: bearerSecurity,
      middleware: [pos] as const,
      request: { body: jsonBody(VerifyRequest) },
      responses: { ...okJson(VerifyResponse, 'Verdict'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const ctx = await context(principal.allianceId, principal.merchantId!);
      const verified = verifyVoucher(c.req.valid('json').voucher, {
        keys: ctx.keys,
        primitive: ed25519Node,
        now: ctx.now,
        skew: ctx.skew,
      });
      if (!verified.ok)
        return c.json(
          { valid: false, error: verified.error, voucher: null, state: null, forThisMerchant: false },
          200,
        );
      const v = verified.voucher;
      const [hold] = await deps.db
        .select({ state: holds.state })
        .from(holds)
        .where(and(eq(holds.allianceId, principal.allianceId), eq(holds.voucherId, v.voucherId)));
      return c.json(
        {
          valid: true,
          error: null,
          voucher: {
            voucherId: v.voucherId,
            shortId: v.voucherId.slice(-8),
            capPoints: v.capPoints,
            issuedAt: v.issuedAt,
            expiresAt: v.expiresAt,
            merchantScope: v.merchantScope,
          },
          state: (hold?.state ?? 'unknown') as 'open' | 'captured' | 'released' | 'expired' | 'unknown',
          forThisMerchant: v.merchantScope === 0 || v.merchantScope === ctx.number,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/pos/captures',
      tags: ['POS'],
      summary: 'Capture points from a voucher. Needs an Idempotency-Key: a retry gets the stored answer',
      security: bearerSecurity,
      middleware: [pos] as const,
      request: {
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: jsonBody(CaptureRequest),
      },
      responses: {
        ...okJson(CaptureResponse, 'The capture’s one outcome'),
        ...problemResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const key = requireIdempotencyKey(c.req.header('idempotency-key'));
      const body = c.req.valid('json');
      // Read before the transaction: PGlite has one connection, so inside it only `tx` may query.
      const ctx = await context(principal.allianceId, principal.merchantId!);
      const answer = await idempotent(
        deps.db,
        principal,
        key,
        requestHash('POST', '/v1/pos/captures', body),
        async (tx) => {
          const recordId = derivedId('pos', principal.subjectId, key);
          const facts = {
            allianceId: principal.allianceId,
            recordId,
            merchantId: principal.merchantId!,
            points: body.points,
            offerId: body.offerId ?? null,
            billFen: body.billFen,
            discountFen: body.discountFen,
            offline: false,
          };
          const verified = verifyVoucher(body.voucher, {
            keys: ctx.keys,
            primitive: ed25519Node,
            now: ctx.now,
            skew: ctx.skew,
          });
          const result = verified.ok
            ? await capturePoints(
                tx,
                {
                  ...facts,
                  voucherId: verified.voucher.voucherId,
                  capPoints: verified.voucher.capPoints,
                  merchantScope: verified.voucher.merchantScope,
                },
                deps.clock,
              )
            : await refuseRecord(
                tx,
                { ...facts, voucherId: null },
                'bad_voucher',
                verified.error,
                deps.clock,
              );
          deps.metrics.recordOutcome(result.outcome, 'pos');
          return {
            status: 200,
            body: {
              id: recordId,
              outcome: result.outcome,
              detail: result.detail ?? null,
              points: result.outcome === 'accepted' ? body.points : 0,
            },
          };
        },
      );
      return c.json(answer.body, 200);
    },
  );

  return app;
}
