/**
 * /v1/pos: a till system with a per-merchant API key verifies a scanned voucher and captures
 * points from it, online, with an Idempotency-Key so a retried request never captures twice
 * (docs/pos-integration.md).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { BasketLineView } from '../../shared/api/goods.ts';
import { RecordOutcome } from '../../shared/api/merchant.ts';
import { MAX_BASKET_LINES } from '../../shared/redemption-record.ts';
import { Text } from '../../shared/text.ts';
import { requireIdempotencyKey } from '../application/idempotency.ts';
import { BasketLineBody } from '../application/inputs.ts';
import { captureAtPos, verifyAtPos } from '../application/pos.ts';
import { reverseRecord } from '../application/redemptions.ts';
import { requireRole } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

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

const CaptureRequest = z
  .strictObject({
    voucher: VoucherText,
    /** The points to capture; or, for a basket of the shop's goods, `lines` instead. */
    points: z.number().int().min(1).max(1_000_000).optional(),
    /** A basket (积分超市): the goods and how many, priced by the server at today's prices. */
    lines: z.array(BasketLineBody).min(1).max(MAX_BASKET_LINES).optional(),
    offerId: Text(100).min(1).optional(),
    billFen: z.number().int().min(0).max(100_000_000).default(0),
    discountFen: z.number().int().min(0).max(100_000_000).default(0),
  })
  .refine((r) => (r.points === undefined) !== (r.lines === undefined), {
    message: 'give either points or lines (a basket of goods), not both',
    path: ['points'],
  });
const CaptureResponse = z
  .object({
    id: z.string().openapi({ description: 'The redemption record id' }),
    outcome: RecordOutcome,
    detail: z.string().nullable(),
    points: z.number().int(),
    /** A basket's lines as priced and captured. */
    lines: z.array(BasketLineView).optional(),
  })
  .openapi('PosCapture');

export function posRoutes(deps: RouteDeps) {
  const app = createRouter();
  const pos = requireRole(deps, 'pos');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/verify',
      operationId: 'verifyVoucherAtPos',
      tags: ['POS'],
      summary: 'Check a scanned voucher: valid, its cap, and whether it can still be captured here',
      security: bearerSecurity,
      middleware: [pos] as const,
      request: { body: jsonBody(VerifyRequest) },
      responses: { ...okJson(VerifyResponse, 'Verdict'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const verdict = await verifyAtPos(deps, c.get('principal'), c.req.valid('json').voucher);
      if (!verdict.valid) {
        return c.json(
          { valid: false, error: verdict.error, voucher: null, state: null, forThisMerchant: false },
          200,
        );
      }
      const v = verdict.voucher;
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
          state: verdict.state,
          forThisMerchant: verdict.forThisMerchant,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/captures',
      operationId: 'captureAtPos',
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
      const key = requireIdempotencyKey(c.req.header('idempotency-key'));
      return c.json(await captureAtPos(deps, c.get('principal'), c.req.valid('json'), key), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/captures/{id}/reverse',
      operationId: 'reversePosCapture',
      tags: ['POS'],
      summary:
        'Undo a capture this merchant made today (the customer changed their mind): the points go back to the resident, a basket’s goods to the shelf. Asking again answers the same',
      security: bearerSecurity,
      middleware: [pos] as const,
      request: { params: z.object({ id: z.string().uuid('must be the capture’s id') }) },
      responses: {
        ...okJson(
          z
            .object({ id: z.string(), reversed: z.literal(true), points: z.number().int() })
            .openapi('PosReversal'),
          'Reversed',
        ),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const reversed = await reverseRecord(deps, c.get('principal'), id);
      return c.json({ id, reversed: true as const, points: reversed.points }, 200);
    },
  );

  return app;
}
