/**
 * /v1/merchants (the alliance's partner shops, their offers, device slips and POS keys) and
 * /v1/devices (revoking one). Changing them is the coordinator's; the list is everyone's.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { GoodDetail, GoodList, GoodsMonthReport } from '../../shared/api/goods.ts';
import { Month } from '../../shared/calendar.ts';
import {
  createMerchant,
  createMerchantPosKey,
  createOffer,
  issueDeviceCode,
  revokeMerchantDevice,
  revokeMerchantPosKey,
  updateMerchant,
} from '../application/directory.ts';
import { addGood, goodsMonthReport, listGoods } from '../application/goods.ts';
import {
  FundingRuleInput,
  GoodBody,
  MerchantChanges,
  NewMerchant,
  OfferInput,
} from '../application/inputs.ts';
import { updateOffer } from '../application/offers.ts';
import { merchantFundingRules, setMerchantFunding } from '../application/settlement.ts';
import { Offer, OfferChanges, toOffer } from '../directory/offers.ts';
import { merchantsWithOffers } from '../directory/queries.ts';
import { goodsMonthCsv } from '../goods/report.ts';
import { requireRole, requireStaffRight } from '../http/auth.ts';
import { csvResponse, jsonOrCsv } from '../http/csv.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { EnrollmentSlip } from './residents.ts';

const Id = z.object({ id: z.string().uuid('must be a UUID') });

const Merchant = z
  .object({
    id: z.string().uuid(),
    number: z.number().int().openapi({ description: "Public u32 used in vouchers' merchantScope" }),
    name: z.string(),
    address: z.string().nullable(),
    offlineMaxPointsPerCapture: z.number().int(),
    offlineMaxPointsPerDeviceDay: z.number().int(),
    offers: z.array(Offer),
  })
  .openapi('Merchant');

const FundingRuleView = z
  .object({
    fromMonth: z.string(),
    rule: z.enum(['merchant', 'per_point', 'share']).openapi({
      description:
        'merchant: the shop bears its discounts; per_point: the alliance pays fenPerPoint per point; share: sharePercent of the discount',
    }),
    fenPerPoint: z.number().int().nullable(),
    sharePercent: z.number().int().nullable(),
    setAt: z.string(),
  })
  .openapi('FundingRule');
const FundingRules = z.object({ rules: z.array(FundingRuleView) }).openapi('FundingRules');

const toFundingRule = (r: Awaited<ReturnType<typeof merchantFundingRules>>[number]) => ({
  fromMonth: r.fromMonth,
  rule: r.rule,
  fenPerPoint: r.fenPerPoint,
  sharePercent: r.sharePercent,
  setAt: r.createdAt.toISOString(),
});

export function merchantRoutes(deps: RouteDeps) {
  const app = createRouter();
  const coordinator = requireStaffRight(deps, 'merchants');
  const settler = requireStaffRight(deps, 'settlement');
  const anyPerson = requireRole(deps, 'coordinator', 'staff', 'resident');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createMerchant',
      tags: ['directory'],
      summary: 'Register a partner merchant with its offers; returns its public number',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { body: jsonBody(NewMerchant) },
      responses: {
        ...createdJson(z.object({ id: z.string().uuid(), number: z.number().int() }), 'Created'),
        ...problemResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const merchant = await createMerchant(deps, c.get('principal'), c.req.valid('json'));
      return c.json({ id: merchant.id, number: merchant.number }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      operationId: 'updateMerchant',
      tags: ['directory'],
      summary: "Edit a merchant's name or address (its number never changes)",
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: Id, body: jsonBody(MerchantChanges) },
      responses: {
        ...okJson(z.object({ id: z.string().uuid(), number: z.number().int(), name: z.string() }), 'Updated'),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const merchant = await updateMerchant(
        deps,
        c.get('principal'),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json({ id: merchant.id, number: merchant.number, name: merchant.name }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listMerchants',
      tags: ['directory'],
      summary: 'Partner merchants with their active offers (residents see this list too)',
      security: bearerSecurity,
      middleware: [anyPerson] as const,
      responses: {
        ...okJson(z.object({ merchants: z.array(Merchant) }), 'Merchants'),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const list = await merchantsWithOffers(deps.db, c.get('principal').allianceId);
      const merchants = list.map(({ merchant: m, offers }) => ({
        id: m.id,
        number: m.number,
        name: m.name,
        address: m.address,
        offlineMaxPointsPerCapture: m.offlineMaxPointsPerCapture,
        offlineMaxPointsPerDeviceDay: m.offlineMaxPointsPerDeviceDay,
        offers: offers.map(toOffer),
      }));
      return c.json({ merchants }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/offers',
      operationId: 'createOffer',
      tags: ['directory'],
      summary: 'Add an offer to a merchant',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: Id, body: jsonBody(OfferInput) },
      responses: { ...createdJson(Offer, 'Created'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const offer = await createOffer(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json'));
      return c.json(toOffer(offer), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}/offers/{offerId}',
      operationId: 'updateOffer',
      tags: ['directory'],
      summary:
        "Change an offer's titles, whether it is on, and its rules: limits per person, season, minimum bill, funding, coupon (null clears one)",
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: {
        params: Id.extend({ offerId: z.string().uuid('must be a UUID') }),
        body: jsonBody(OfferChanges),
      },
      responses: { ...okJson(Offer, 'Changed'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id, offerId } = c.req.valid('param');
      const offer = await updateOffer(deps, c.get('principal'), id, offerId, c.req.valid('json'));
      return c.json(toOffer(offer), 200);
    },
  );

  // Goods (积分超市): staff with the goods right, or the shop's own device or POS key.
  const stocker = requireRole(deps, 'coordinator', 'staff', 'device', 'pos');
  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/goods',
      operationId: 'createGood',
      tags: ['points supermarket'],
      summary: 'Add a good to a shop: its points price, cash co-pay, unit, barcode and supplier',
      security: bearerSecurity,
      middleware: [stocker] as const,
      request: { params: Id, body: jsonBody(GoodBody) },
      responses: { ...createdJson(GoodDetail, 'Created'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(await addGood(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/goods',
      operationId: 'listGoods',
      tags: ['points supermarket'],
      summary: "A shop's goods with their stock, by name",
      security: bearerSecurity,
      middleware: [stocker] as const,
      request: { params: Id },
      responses: { ...okJson(GoodList, 'Goods'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json({ goods: await listGoods(deps, c.get('principal'), c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/goods-report',
      operationId: 'getGoodsMonthReport',
      tags: ['points supermarket'],
      summary:
        "A shop's supermarket month: stock at start and end, deliveries, exchanges net of reversals with points and cost value, returns, counts (?format=csv)",
      security: bearerSecurity,
      middleware: [requireStaffRight(deps, 'goods')] as const,
      request: {
        params: Id,
        query: z.object({ month: Month, format: z.enum(['json', 'csv']).default('json') }),
      },
      responses: {
        ...jsonOrCsv(GoodsMonthReport, "The shop's month"),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { month, format } = c.req.valid('query');
      const report = await goodsMonthReport(deps, c.get('principal'), c.req.valid('param').id, month);
      if (format === 'csv') return csvResponse(c, goodsMonthCsv(report.merchant, report.month, report));
      return c.json(
        {
          month: report.month.label,
          merchant: report.merchant,
          startsAt: report.month.startsAt.toISOString(),
          endsAt: report.month.endsAt.toISOString(),
          lines: report.lines,
          totals: report.totals,
          pointsPerYuan: report.pointsPerYuan,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/funding',
      operationId: 'listMerchantFunding',
      tags: ['settlement'],
      summary:
        "Who funds the merchant's discounts, month by month: the merchant, the alliance per point, or a share",
      security: bearerSecurity,
      middleware: [settler] as const,
      request: { params: Id },
      responses: { ...okJson(FundingRules, 'Rules'), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const rules = await merchantFundingRules(deps, c.get('principal'), c.req.valid('param').id);
      return c.json({ rules: rules.map(toFundingRule) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/funding',
      operationId: 'setMerchantFunding',
      tags: ['settlement'],
      summary:
        "Set who funds the merchant's discounts from a month on (replaces that month's rule; closed months cannot change)",
      security: bearerSecurity,
      middleware: [settler] as const,
      request: { params: Id, body: jsonBody(FundingRuleInput) },
      responses: { ...okJson(FundingRuleView, 'Set'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const rule = await setMerchantFunding(
        deps,
        c.get('principal'),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(toFundingRule(rule), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/devices',
      operationId: 'issueDeviceEnrollmentCode',
      tags: ['directory'],
      summary: "Issue a single-use enrollment code for one of the merchant's devices",
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: Id },
      responses: { ...createdJson(EnrollmentSlip, 'Issued'), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const { slip } = await issueDeviceCode(deps, c.get('principal'), c.req.valid('param').id);
      return c.json({ enrollmentCode: slip.code, expiresAt: slip.expiresAt.toISOString() }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/pos-keys',
      operationId: 'createPosKey',
      tags: ['directory'],
      summary: "Create a POS API key for a merchant's till system; the key is shown only in this answer",
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: Id },
      responses: {
        ...createdJson(
          z.object({ id: z.string().uuid(), key: z.string(), prefix: z.string() }).openapi('PosKey'),
          'Created',
        ),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { key } = await createMerchantPosKey(deps, c.get('principal'), c.req.valid('param').id);
      return c.json(key, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/pos-keys/{keyId}/revoke',
      operationId: 'revokePosKey',
      tags: ['directory'],
      summary: 'Revoke a POS API key',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: Id.extend({ keyId: z.string().uuid() }) },
      responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const { id, keyId } = c.req.valid('param');
      await revokeMerchantPosKey(deps, c.get('principal'), id, keyId);
      return c.body(null, 204);
    },
  );

  return app;
}

export function deviceRoutes(deps: RouteDeps) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/{deviceId}/revoke',
      operationId: 'revokeDevice',
      tags: ['directory'],
      summary: 'Revoke a device: its tokens stop working at once and its records are refused',
      security: bearerSecurity,
      middleware: [requireStaffRight(deps, 'merchants')] as const,
      request: {
        params: z.object({
          deviceId: z.string().regex(/^dev_[0-9a-f]{12}$/, 'must be a device id like dev_0123456789ab'),
        }),
      },
      responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      await revokeMerchantDevice(deps, c.get('principal'), c.req.valid('param').deviceId);
      return c.body(null, 204);
    },
  );
  return app;
}
