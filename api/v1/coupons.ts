/** /v1/me/coupons: a resident buys coupons with points, lists them, and gets a code to show one. */
import { createRoute, z } from '@hono/zod-openapi';
import { CouponBuyRequest, CouponCode, CouponList, CouponView } from '../../shared/api/coupons.ts';
import { buyMyCoupon, couponCode, myCoupons } from '../application/coupons.ts';
import { requireRole } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const CouponParams = z.object({ couponId: z.string().uuid('must be a coupon id (UUID)') });

export function couponRoutes(deps: RouteDeps) {
  const app = createRouter();
  const resident = requireRole(deps, 'resident');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'buyCoupon',
      tags: ['resident'],
      summary:
        "Buy a coupon with points from a shop's coupon offer: its price is held at once, taken by the shop when used, given back if it expires unused",
      security: bearerSecurity,
      middleware: [resident] as const,
      request: { body: jsonBody(CouponBuyRequest) },
      responses: {
        ...createdJson(CouponView, 'Bought'),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await buyMyCoupon(deps, c.get('principal'), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listMyCoupons',
      tags: ['resident'],
      summary: "The resident's coupons, newest first: open, used or returned, with their end",
      security: bearerSecurity,
      middleware: [resident] as const,
      responses: { ...okJson(CouponList, 'Coupons'), ...problemResponses(401, 403) },
    }),
    async (c) =>
      c.json(
        { coupons: await myCoupons(deps, c.get('principal')), serverTime: deps.clock.now().toISOString() },
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{couponId}/code',
      operationId: 'getCouponCode',
      tags: ['resident'],
      summary:
        'A freshly signed code for an open coupon: a voucher scoped to its shop, valid for the voucher ttl plus the capture window; the app keeps the last one for offline',
      security: bearerSecurity,
      middleware: [resident] as const,
      request: { params: CouponParams },
      responses: {
        ...okJson(CouponCode, 'Code'),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await couponCode(deps, c.get('principal'), c.req.valid('param').couponId), 200),
  );

  return app;
}
