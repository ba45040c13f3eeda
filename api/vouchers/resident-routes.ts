/**
 * POST /v1/vouchers: a resident asks for a code to show. The voucher is signed first (pure, no
 * state), then its hold is placed: the hold is what reserves the points, and a voucher whose hold
 * failed is never handed out.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { VoucherRequest, VoucherResponse } from '../../shared/api/resident.ts';
import { requireRole } from '../auth/middleware.ts';
import { alliances, holds, merchants } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { accountBalances } from '../ledger/accounts.ts';
import { placeHold, releaseHold } from '../ledger/holds.ts';
import { newVoucherId, signVoucher } from './issue.ts';
import { currentSigningKey } from './keys.ts';

const notEnough = (available: number) =>
  new AppError('insufficient_points', {
    detail:
      available > 0
        ? `You have only ${available} points available. Choose ${available} or fewer.`
        : 'You have no points available right now. Points held by a code you showed come back when it expires.',
    details: { available },
  });

export function voucherRoutes(deps: RouteDeps) {
  const app = createRouter();
  const resident = requireRole(deps, 'resident');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/vouchers',
      tags: ['resident'],
      summary: 'Get a signed, short-lived voucher (QR text) that holds points for a merchant to capture',
      security: bearerSecurity,
      middleware: [resident] as const,
      request: { body: jsonBody(VoucherRequest) },
      responses: { ...createdJson(VoucherResponse, 'Issued'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json');
      const { allianceId, subjectId: residentId } = principal;
      const [alliance] = await deps.db
        .select({ ttl: alliances.voucherTtlSeconds, defaultCap: alliances.defaultVoucherCap })
        .from(alliances)
        .where(eq(alliances.id, allianceId));
      if (!alliance) throw new AppError('not_found', { detail: 'No such alliance.' });

      if (body.replaces) {
        const [own] = await deps.db
          .select({ id: holds.id })
          .from(holds)
          .where(
            and(
              eq(holds.allianceId, allianceId),
              eq(holds.voucherId, body.replaces),
              eq(holds.residentId, residentId),
            ),
          );
        if (own)
          await releaseHold(
            deps.db,
            { allianceId, voucherId: body.replaces, reason: 'replaced by a new code' },
            deps.clock,
          );
      }

      let merchantScope = 0;
      if (body.merchantNumber !== undefined) {
        const [merchant] = await deps.db
          .select({ number: merchants.number })
          .from(merchants)
          .where(and(eq(merchants.allianceId, allianceId), eq(merchants.number, body.merchantNumber)));
        if (!merchant) {
          throw new AppError('merchant_not_found', {
            detail: `No merchant has the number ${body.merchantNumber}.`,
          });
        }
        merchantScope = merchant.number;
      }

      const { available } = await accountBalances(deps.db, { allianceId, residentId });
      const capPoints = body.capPoints ?? Math.min(available, alliance.defaultCap);
      if (capPoints < 1 || capPoints > available) throw notEnough(available);

      const key = await currentSigningKey(deps.db, allianceId, deps.masterKey, deps.clock);
      const issuedAt = Math.floor(deps.clock.now().getTime() / 1000);
      const voucher = signVoucher({
        key,
        voucherId: newVoucherId(),
        capPoints,
        issuedAt,
        ttlSeconds: alliance.ttl,
        merchantScope,
      });
      const held = await placeHold(
        deps.db,
        {
          allianceId,
          residentId,
          voucherId: voucher.fields.voucherId,
          capPoints,
          issuedAt: new Date(issuedAt * 1000),
          ttlSeconds: alliance.ttl,
          merchantScope,
        },
        deps.clock,
      );
      if (held.outcome === 'insufficient_points') throw notEnough(held.available);
      return c.json(
        {
          text: voucher.text,
          voucherId: voucher.fields.voucherId,
          shortId: voucher.fields.voucherId.slice(-8),
          capPoints,
          issuedAt: new Date(issuedAt * 1000).toISOString(),
          expiresAt: new Date(voucher.fields.expiresAt * 1000).toISOString(),
          ttlSeconds: alliance.ttl,
          merchantScope,
          serverTime: deps.clock.now().toISOString(),
        },
        201,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/vouchers/{voucherId}',
      tags: ['resident'],
      summary:
        'Put away a code: its held points come back at once (a shop that already scanned it offline is still paid from the free balance)',
      security: bearerSecurity,
      middleware: [resident] as const,
      request: {
        params: z.object({ voucherId: z.string().regex(/^[0-9a-f]{24}$/, 'must be a voucher id (24 hex)') }),
      },
      responses: {
        204: { description: 'Released (or already resolved)' },
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { allianceId, subjectId } = c.get('principal');
      const { voucherId } = c.req.valid('param');
      const [own] = await deps.db
        .select({ id: holds.id })
        .from(holds)
        .where(
          and(
            eq(holds.allianceId, allianceId),
            eq(holds.voucherId, voucherId),
            eq(holds.residentId, subjectId),
          ),
        );
      if (!own) throw new AppError('not_found', { detail: 'No such code of yours.' });
      await releaseHold(deps.db, { allianceId, voucherId, reason: 'put away by the resident' }, deps.clock);
      return c.body(null, 204);
    },
  );

  return app;
}
