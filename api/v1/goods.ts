/**
 * /v1/goods: one good of the points supermarket (积分超市) and its stock events — deliveries,
 * counts and returns recorded here; exchanges and their reversals come from the counter. Staff
 * with the goods right, or the shop's own device or POS key.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { GoodDetail, StockEventView } from '../../shared/api/goods.ts';
import { addStockEvent, getGood, stockEventsOf } from '../application/goods.ts';
import { StockEventBody } from '../application/inputs.ts';
import { requireRole } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const Id = z.object({ id: z.string().uuid('must be a UUID') });
const StockEvents = z.object({ events: z.array(StockEventView) }).openapi('StockEvents');

export function goodsRoutes(deps: RouteDeps) {
  const app = createRouter();
  const stocker = requireRole(deps, 'coordinator', 'staff', 'device', 'pos');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      operationId: 'getGood',
      tags: ['points supermarket'],
      summary: 'One good: its price and the stock on hand (the sum of its stock events)',
      security: bearerSecurity,
      middleware: [stocker] as const,
      request: { params: Id },
      responses: { ...okJson(GoodDetail, 'The good'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getGood(deps, c.get('principal'), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/stock-events',
      operationId: 'recordStockEvent',
      tags: ['points supermarket'],
      summary:
        'A delivery (quantity in), a count (quantity on the shelf, with a reason) or a return to the supplier (quantity out)',
      security: bearerSecurity,
      middleware: [stocker] as const,
      request: { params: Id, body: jsonBody(StockEventBody) },
      responses: {
        ...createdJson(StockEventView, 'Recorded, with the stock after it'),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await addStockEvent(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/stock-events',
      operationId: 'listStockEvents',
      tags: ['points supermarket'],
      summary: "A good's stock events, newest first",
      security: bearerSecurity,
      middleware: [stocker] as const,
      request: { params: Id },
      responses: { ...okJson(StockEvents, 'Events'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json({ events: await stockEventsOf(deps, c.get('principal'), c.req.valid('param').id) }, 200),
  );

  return app;
}
