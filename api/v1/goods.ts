/**
 * /v1/goods: one good of the points supermarket (积分超市) and its stock events — deliveries,
 * counts and returns recorded here; exchanges and their reversals come from the counter. Staff
 * with the goods right, or the shop's own device or POS key.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { FlaggedExchange, GoodDetail, StockEventView, SupplierMonthReport } from '../../shared/api/goods.ts';
import { Month } from '../../shared/calendar.ts';
import {
  addStockEvent,
  checkFlagged,
  flaggedExchangeList,
  getGood,
  readGoodPhoto,
  stockEventsOf,
  supplierMonthReport,
  uploadGoodPhoto,
} from '../application/goods.ts';
import { StockEventBody } from '../application/inputs.ts';
import { supplierMonthsCsv } from '../goods/report.ts';
import { requireRole, requireStaffRight } from '../http/auth.ts';
import { csvResponse, jsonOrCsv } from '../http/csv.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const Id = z.object({ id: z.string().uuid('must be a UUID') });
const StockEvents = z.object({ events: z.array(StockEventView) }).openapi('StockEvents');
const image = { schema: z.string().openapi({ format: 'binary' }) };
const ReportQuery = z.object({ month: Month, format: z.enum(['json', 'csv']).default('json') });

export function goodsRoutes(deps: RouteDeps) {
  const app = createRouter();
  const stocker = requireRole(deps, 'coordinator', 'staff', 'device', 'pos');
  const goodsStaff = requireStaffRight(deps, 'goods');

  // Before /{id}: these two paths would otherwise be read as a good's id.
  app.openapi(
    createRoute({
      method: 'get',
      path: '/supplier-report',
      operationId: 'getSupplierMonthReport',
      tags: ['points supermarket'],
      summary:
        "Each supplier's month across the alliance's shops: goods delivered and returned with their cost (?format=csv for the district's accounts)",
      security: bearerSecurity,
      middleware: [goodsStaff] as const,
      request: { query: ReportQuery },
      responses: {
        ...jsonOrCsv(SupplierMonthReport, "The suppliers' month"),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { month, format } = c.req.valid('query');
      const report = await supplierMonthReport(deps, c.get('principal'), month);
      if (format === 'csv') return csvResponse(c, supplierMonthsCsv(report.month, report.suppliers));
      return c.json(
        {
          month: report.month.label,
          startsAt: report.month.startsAt.toISOString(),
          endsAt: report.month.endsAt.toISOString(),
          suppliers: report.suppliers,
          netCostFen: report.suppliers.reduce((a, s) => a + s.netCostFen, 0),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/flagged',
      operationId: 'listFlaggedExchanges',
      tags: ['points supermarket'],
      summary:
        'Offline exchanges that took a stock below zero, newest first (at most 200), for the coordinator',
      security: bearerSecurity,
      middleware: [goodsStaff] as const,
      responses: {
        ...okJson(z.object({ flagged: z.array(FlaggedExchange) }), 'Flagged exchanges'),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const flagged = await flaggedExchangeList(deps, c.get('principal'));
      return c.json({ flagged: flagged.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/flagged/{id}/checked',
      operationId: 'checkFlaggedExchange',
      tags: ['points supermarket'],
      summary:
        'Mark a flagged offline exchange as looked into (the shelf checked): it leaves the list and stays flagged in the good’s history. A second mark answers the first',
      security: bearerSecurity,
      middleware: [goodsStaff] as const,
      request: { params: Id },
      responses: {
        ...okJson(z.object({ eventId: z.string(), checkedAt: z.string() }), 'Checked'),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await checkFlagged(deps, c.get('principal'), c.req.valid('param').id), 200),
  );

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

  app.openapi(
    createRoute({
      method: 'put',
      path: '/{id}/photo',
      operationId: 'putGoodPhoto',
      tags: ['points supermarket'],
      summary:
        "Set a good's photo (the body is the image: JPEG, PNG or WebP by its bytes, at most 1 MiB); replaces the one before",
      security: bearerSecurity,
      middleware: [stocker] as const,
      request: {
        params: Id,
        body: { content: { 'image/jpeg': image, 'image/png': image, 'image/webp': image }, required: true },
      },
      responses: {
        ...okJson(GoodDetail, 'The good with its photoUrl'),
        ...problemResponses(400, 401, 403, 404, 413, 415),
      },
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await uploadGoodPhoto(deps, c.get('principal'), c.req.valid('param').id, bytes), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/photo',
      operationId: 'getGoodPhoto',
      tags: ['points supermarket'],
      summary: "A good's photo, for staff with the goods right and the shop's own device or POS key",
      security: bearerSecurity,
      middleware: [stocker] as const,
      request: { params: Id },
      responses: {
        200: {
          description: 'The image',
          content: { 'image/jpeg': image, 'image/png': image, 'image/webp': image },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const file = await readGoodPhoto(deps, c.get('principal'), c.req.valid('param').id);
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': file.contentType,
        'cache-control': 'private, max-age=86400',
        'x-content-type-options': 'nosniff',
      });
    },
  );

  return app;
}
