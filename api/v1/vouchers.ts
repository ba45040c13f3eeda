/** /v1/vouchers: a resident asks for a points code to show, or puts one away. */
import { createRoute, z } from '@hono/zod-openapi';
import { VoucherRequest, VoucherResponse, VoucherStatus } from '../../shared/api/resident.ts';
import { shortCodeOf } from '../../shared/short-code.ts';
import { issueVoucher, putAwayVoucher, voucherStatus } from '../application/vouchers.ts';
import { requireRole } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const VoucherParams = z.object({
  voucherId: z.string().regex(/^[0-9a-f]{24}$/, 'must be a voucher id (24 hex)'),
});

export function voucherRoutes(deps: RouteDeps) {
  const app = createRouter();
  const resident = requireRole(deps, 'resident');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'issueVoucher',
      tags: ['resident'],
      summary: 'Get a signed, short-lived voucher (QR text) that holds points for a merchant to capture',
      security: bearerSecurity,
      middleware: [resident] as const,
      request: { body: jsonBody(VoucherRequest) },
      responses: { ...createdJson(VoucherResponse, 'Issued'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const issued = await issueVoucher(deps, c.get('principal'), c.req.valid('json'));
      const { fields, text } = issued.voucher;
      return c.json(
        {
          text,
          voucherId: fields.voucherId,
          shortId: fields.voucherId.slice(-8),
          shortCode: shortCodeOf(fields.voucherId),
          capPoints: issued.capPoints,
          issuedAt: new Date(issued.issuedAt * 1000).toISOString(),
          expiresAt: new Date(fields.expiresAt * 1000).toISOString(),
          ttlSeconds: issued.ttlSeconds,
          merchantScope: issued.merchantScope,
          serverTime: deps.clock.now().toISOString(),
        },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{voucherId}',
      operationId: 'putAwayVoucher',
      tags: ['resident'],
      summary:
        'Put away a code: its held points come back at once (a shop that already scanned it offline is still paid from the free balance)',
      security: bearerSecurity,
      middleware: [resident] as const,
      request: { params: VoucherParams },
      responses: {
        204: { description: 'Released (or already resolved)' },
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      await putAwayVoucher(deps, c.get('principal'), c.req.valid('param').voucherId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{voucherId}',
      operationId: 'getVoucherStatus',
      tags: ['resident'],
      summary:
        'What became of a code on screen: open, captured (points, shop, when), released or expired; the app asks every 2 s',
      security: bearerSecurity,
      middleware: [resident] as const,
      request: { params: VoucherParams },
      responses: { ...okJson(VoucherStatus, 'Status'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const status = await voucherStatus(deps, c.get('principal'), c.req.valid('param').voucherId);
      return c.json(
        {
          ...status,
          capturedAt: status.capturedAt?.toISOString() ?? null,
          serverTime: deps.clock.now().toISOString(),
        },
        200,
      );
    },
  );

  return app;
}
