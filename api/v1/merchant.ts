/**
 * /v1/merchant: what a merchant's device reads about itself — its configuration (merchant,
 * offers, offline limits, the alliance's voucher keys, its last seq), the records of a day, and
 * its merchant's monthly statements. The device's row comes from the auth middleware.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  MerchantConfig,
  RedemptionList,
  ShortCodeLookupRequest,
  ShortCodeLookupResponse,
  StatementList,
} from '../../shared/api/merchant.ts';
import { Day, formatDay, parseDay } from '../../shared/calendar.ts';
import { parseShortCode } from '../../shared/short-code.ts';
import { blockedCards, CARD_OFFLINE_FLOOR_POINTS } from '../application/cards.ts';
import { goodView } from '../application/goods.ts';
import { voucherByShortCode } from '../application/vouchers.ts';
import type { DeviceContext } from '../directory/device-context.ts';
import { touchDeviceAtMostEveryMinute } from '../directory/devices.ts';
import { merchantOffers } from '../directory/directory.ts';
import { rulesOf } from '../directory/offers.ts';
import { AppError } from '../errors.ts';
import { goodsOf } from '../goods/goods.ts';
import { linesOf } from '../goods/stock.ts';
import { requireRole } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { openCouponsAt } from '../ledger/coupons.ts';
import { deviceLastSeq, merchantRecords } from '../ledger/queries.ts';
import { localDay, localTime } from '../local-time.ts';
import { merchantStatements } from '../settlement/statements.ts';
import { publishedJwks } from '../vouchers/keys.ts';

type RedemptionView = z.infer<typeof RedemptionList>['redemptions'][number];

export function merchantDeviceRoutes(deps: RouteDeps) {
  const app = createRouter();
  const device = requireRole(deps, 'device');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/config',
      operationId: 'getDeviceConfig',
      tags: ['merchant device'],
      summary: "The device's merchant, offers, offline limits, the alliance's voucher keys and its last seq",
      security: bearerSecurity,
      middleware: [device] as const,
      responses: { ...okJson(MerchantConfig, 'Configuration'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const device = c.get('device');
      await touchDeviceAtMostEveryMinute(deps.db, device, deps.clock);
      return c.json(await configOf(deps, device), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/redemptions',
      operationId: 'listMerchantDay',
      tags: ['merchant device'],
      summary: "The merchant's records of one day (alliance time zone), with totals of what was taken",
      security: bearerSecurity,
      middleware: [device] as const,
      request: { query: z.object({ day: Day.optional() }) },
      responses: { ...okJson(RedemptionList, 'Records'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { merchant, alliance } = c.get('device');
      const day = c.req.valid('query').day ?? formatDay(localTime(alliance.timezone, deps.clock.now()));
      const { year, month, day: d } = parseDay(day)!;
      const { start, end } = localDay(alliance.timezone, new Date(Date.UTC(year, month - 1, d, 12)));
      const found = await merchantRecords(deps.db, { merchantId: merchant.id, start, end });
      const lines = await linesOf(
        deps.db,
        found.map((r) => r.record.id),
      );
      const list = found.map((r) => toRedemptionView(r, lines.get(r.record.id)));
      return c.json({ day, redemptions: list, totals: totalsOf(list) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/statements',
      operationId: 'listMerchantStatements',
      tags: ['merchant device'],
      summary: "The merchant's monthly statements, newest first",
      security: bearerSecurity,
      middleware: [device] as const,
      responses: { ...okJson(StatementList, 'Statements'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const { allianceId, merchantId } = c.get('principal');
      const rows = await merchantStatements(deps.db, { allianceId, merchantId });
      const statements = rows.map(({ statement: s, period }) => ({
        periodId: s.periodId,
        label: s.periodLabel,
        startsAt: period.startsAt.toISOString(),
        endsAt: period.endsAt.toISOString(),
        status: s.paidAt ? ('paid' as const) : ('closed' as const),
        redemptions: s.redemptions,
        points: s.netPoints,
        billFen: s.billFen,
        discountFen: s.discountFen,
        fundingRule: s.fundingRule,
        reimbursementFen: s.reimbursementFen,
        paidReference: s.paidReference,
      }));
      return c.json({ statements }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/vouchers/lookup',
      operationId: 'lookupVoucherByShortCode',
      tags: ['merchant device'],
      summary:
        "The voucher behind a resident's 8-digit 码号 (open codes this merchant may take), to verify and capture as if scanned",
      security: bearerSecurity,
      middleware: [device] as const,
      request: { body: jsonBody(ShortCodeLookupRequest) },
      responses: {
        ...okJson(ShortCodeLookupResponse, 'The voucher'),
        ...problemResponses(400, 401, 403, 404, 429),
      },
    }),
    async (c) => {
      const code = parseShortCode(c.req.valid('json').code);
      if (!code) {
        throw new AppError('invalid_short_code', { detail: 'A short code is 8 digits (spaces allowed).' });
      }
      return c.json(await voucherByShortCode(deps, c.get('device'), code), 200);
    },
  );

  return app;
}

/** What a device needs to work offline: its merchant, offers, limits, the voucher keys, its last seq. */
async function configOf(deps: RouteDeps, device: DeviceContext) {
  const { id, merchant, alliance } = device;
  const offers = await merchantOffers(deps.db, merchant.id);
  return {
    merchant: { id: merchant.id, number: merchant.number, name: merchant.name },
    deviceId: id,
    alliance: { name: alliance.name, timezone: alliance.timezone, skewSeconds: alliance.skewSeconds },
    goods: (await goodsOf(deps.db, merchant.id)).map((g) => {
      const { supplier: _supplier, costFen: _cost, ...view } = goodView(g);
      return view;
    }),
    offers: offers.map((o) => {
      const { code, kind, titleZh, titleEn, points, amountFen, percent, capFen, fenPerPoint } = o;
      return { code, kind, titleZh, titleEn, points, amountFen, percent, capFen, fenPerPoint, ...rulesOf(o) };
    }),
    limits: {
      offlineMaxPointsPerCapture: merchant.maxPointsPerCapture,
      offlineMaxPointsPerDeviceDay: merchant.maxPointsPerDeviceDay,
    },
    jwks: await publishedJwks(deps.db, alliance.id, deps.clock),
    lastSeq: await deviceLastSeq(deps.db, id),
    serverTime: deps.clock.now().toISOString(),
    cardOfflineFloorPoints: CARD_OFFLINE_FLOOR_POINTS,
    blockedCards: await blockedCards(deps.db, alliance.id),
    coupons: await openCouponsAt(deps.db, { merchantId: merchant.id, now: deps.clock.now() }),
  };
}

type RecordRow = Awaited<ReturnType<typeof merchantRecords>>[number];

const conflictState = (row: RecordRow): RedemptionView['conflict'] => {
  if (!row.conflictId) return null;
  if (row.conflictBears === 'alliance') return 'paid_by_alliance';
  return row.conflictBears === 'merchant' ? 'refused' : 'open';
};

const toRedemptionView = (row: RecordRow, lines: RedemptionView['lines'] = []): RedemptionView => {
  const { record: r, reversal } = row;
  return {
    id: r.id,
    seq: Number(r.seq ?? 0),
    deviceId: r.deviceId ?? '',
    voucherShortId: r.voucherId?.slice(-8) ?? '',
    cardNumber: r.voucherId?.startsWith('card:') ? (r.voucherId.split(':')[2] ?? null) : null,
    points: r.points,
    offerId: r.offerId,
    offerTitleZh: row.offerTitleZh,
    offerTitleEn: row.offerTitleEn,
    deviceName: row.deviceName,
    billFen: r.billFen,
    discountFen: r.discountFen,
    scannedAt: (r.scannedAt ?? r.receivedAt).toISOString(),
    receivedAt: r.receivedAt.toISOString(),
    outcome: r.outcome,
    detail: r.outcomeDetail,
    reversed: Boolean(reversal),
    conflict: conflictState(row),
    lines,
  };
};

/** What the shop actually took that day: accepted captures not reversed. */
function totalsOf(list: RedemptionView[]) {
  const taken = list.filter((r) => r.outcome === 'accepted' && !r.reversed);
  const sum = (f: (r: RedemptionView) => number) => taken.reduce((s, r) => s + f(r), 0);
  return {
    count: taken.length,
    points: sum((r) => r.points),
    billFen: sum((r) => r.billFen),
    discountFen: sum((r) => r.discountFen),
  };
}
