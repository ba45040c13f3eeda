/**
 * A merchant device's routes: its configuration (offers, limits, keys), one online capture,
 * a sync batch from its outbox, today's list, a same-day reversal, and its statements.
 * Every record answer has the shape of shared/api/merchant.ts's RecordResult.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, gte, isNotNull, lt, max } from 'drizzle-orm';
import {
  MerchantConfig,
  RecordResult,
  RedemptionList,
  StatementList,
  SyncRequest,
  SyncResponse,
} from '../../shared/api/merchant.ts';
import { Day, parseDay } from '../../shared/calendar.ts';
import { RedemptionRecord } from '../../shared/redemption-record.ts';
import { requireRole } from '../auth/middleware.ts';
import { devices, redemptions, settlementPeriods, transfers } from '../db/schema/index.ts';
import type { DeviceContext } from '../directory/device-context.ts';
import { merchantOffers } from '../directory/directory.ts';
import { AppError } from '../errors.ts';
import type { RouteDeps } from '../http/deps.ts';
import { errorForLog } from '../http/error-log.ts';
import { bearerSecurity, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { reverseCapture } from '../ledger/reversal.ts';
import { syncRecords } from '../ledger/sync.ts';
import { localDay, localTime } from '../settlement/periods.ts';
import { listStatements } from '../settlement/statements.ts';
import { publishedJwks } from '../vouchers/keys.ts';
import { cachedKeyIndex, recordVerifier } from './verify.ts';

type RecordAnswer = z.infer<typeof RecordResult>;

export function redemptionRoutes(deps: RouteDeps) {
  const app = createRouter();
  const device = requireRole(deps, 'device');

  async function sync(device: DeviceContext, records: unknown[], offline: boolean) {
    const keys = await cachedKeyIndex(deps.db, device.allianceId);
    const result = await syncRecords(
      deps.db,
      { allianceId: device.allianceId, deviceId: device.id, records, offline, device },
      {
        clock: deps.clock,
        verifyRecord: recordVerifier(keys, device.alliance.skewSeconds, deps.clock),
        onRecordError: (recordId, err) =>
          deps.logger.error(
            { recordId, err: errorForLog(err) },
            'record refused: the server could not store it',
          ),
      },
    );
    await deps.db.update(devices).set({ lastSeenAt: deps.clock.now() }).where(eq(devices.id, device.id));
    for (const a of result.results) deps.metrics.recordOutcome(a.outcome, offline ? 'sync' : 'device');
    return result;
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/merchant/config',
      tags: ['merchant device'],
      summary: "The device's merchant, offers, offline limits, the alliance's voucher keys and its last seq",
      security: bearerSecurity,
      middleware: [device] as const,
      responses: { ...okJson(MerchantConfig, 'Configuration'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { merchant, alliance } = c.get('device');
      const [last] = await deps.db
        .select({ seq: max(redemptions.seq) })
        .from(redemptions)
        .where(and(eq(redemptions.deviceId, principal.subjectId), isNotNull(redemptions.seq)));
      await deps.db
        .update(devices)
        .set({ lastSeenAt: deps.clock.now() })
        .where(eq(devices.id, principal.subjectId));
      const offers = await merchantOffers(deps.db, merchant.id);
      return c.json(
        {
          merchant: { id: merchant.id, number: merchant.number, name: merchant.name },
          deviceId: principal.subjectId,
          alliance: { name: alliance.name, timezone: alliance.timezone, skewSeconds: alliance.skewSeconds },
          offers: offers.map(
            ({ code, kind, titleZh, titleEn, points, amountFen, percent, capFen, fenPerPoint }) => ({
              code,
              kind,
              titleZh,
              titleEn,
              points,
              amountFen,
              percent,
              capFen,
              fenPerPoint,
            }),
          ),
          limits: {
            offlineMaxPointsPerCapture: merchant.maxPointsPerCapture,
            offlineMaxPointsPerDeviceDay: merchant.maxPointsPerDeviceDay,
          },
          jwks: await publishedJwks(deps.db, principal.allianceId, deps.clock),
          lastSeq: Number(last?.seq ?? 0),
          serverTime: deps.clock.now().toISOString(),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/redemptions',
      tags: ['merchant device'],
      summary: 'Capture one signed redemption record now (online); a replay gets the first answer',
      security: bearerSecurity,
      middleware: [device] as const,
      request: { body: jsonBody(RedemptionRecord) },
      responses: { ...okJson(RecordResult, 'The record’s one outcome'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { results } = await sync(c.get('device'), [c.req.valid('json')], false);
      return c.json(results[0]!, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/redemptions/sync',
      tags: ['merchant device'],
      summary:
        "A batch of signed records from the device's outbox: one outcome each, and the seqs still missing",
      security: bearerSecurity,
      middleware: [device] as const,
      request: { body: jsonBody(SyncRequest) },
      responses: { ...okJson(SyncResponse, 'Outcomes'), ...problemResponses(400, 401, 403, 413) },
    }),
    async (c) => {
      const { results, missingSeqs } = await sync(c.get('device'), c.req.valid('json').records, true);
      return c.json({ results, missingSeqs }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/merchant/redemptions',
      tags: ['merchant device'],
      summary: "The merchant's records of one day (alliance time zone), with totals of what was taken",
      security: bearerSecurity,
      middleware: [device] as const,
      request: {
        query: z.object({
          day: Day.optional(),
        }),
      },
      responses: { ...okJson(RedemptionList, 'Records'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const _principal = c.get('principal');
      const { merchant, alliance } = c.get('device');
      const requested = c.req.valid('query').day;
      const today = localTime(alliance.timezone, deps.clock.now());
      const day =
        requested ??
        `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`;
      const { year, month, day: dd } = parseDay(day)!;
      const { start, end } = localDay(alliance.timezone, new Date(Date.UTC(year, month - 1, dd, 12)));
      const rows = await deps.db
        .select({ r: redemptions, reversal: transfers.id })
        .from(redemptions)
        .leftJoin(
          transfers,
          and(eq(transfers.reversesId, redemptions.transferId), eq(transfers.kind, 'reverse')),
        )
        .where(
          and(
            eq(redemptions.merchantId, merchant.id),
            gte(redemptions.receivedAt, start),
            lt(redemptions.receivedAt, end),
          ),
        )
        .orderBy(redemptions.receivedAt);
      const list = rows.map(({ r, reversal }) => ({
        id: r.id,
        seq: Number(r.seq ?? 0),
        deviceId: r.deviceId ?? '',
        voucherShortId: r.voucherId?.slice(-8) ?? '',
        points: r.points,
        offerId: r.offerId,
        billFen: r.billFen,
        discountFen: r.discountFen,
        scannedAt: (r.scannedAt ?? r.receivedAt).toISOString(),
        receivedAt: r.receivedAt.toISOString(),
        outcome: r.outcome as RecordAnswer['outcome'],
        detail: r.outcomeDetail,
        reversed: Boolean(reversal),
      }));
      const taken = list.filter((r) => r.outcome === 'accepted' && !r.reversed);
      return c.json(
        {
          day,
          redemptions: list,
          totals: {
            count: taken.length,
            points: taken.reduce((s, r) => s + r.points, 0),
            billFen: taken.reduce((s, r) => s + r.billFen, 0),
            discountFen: taken.reduce((s, r) => s + r.discountFen, 0),
          },
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/redemptions/{id}/reverse',
      tags: ['merchant device'],
      summary: 'Undo a capture made today: the points go back to the resident',
      security: bearerSecurity,
      middleware: [device] as const,
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: {
        ...okJson(
          z.object({ id: z.string(), reversed: z.literal(true), points: z.number().int() }),
          'Reversed',
        ),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const result = await reverseCapture(
        deps.db,
        {
          allianceId: principal.allianceId,
          recordId: id,
          merchantId: principal.merchantId!,
          reason: 'reversed by the merchant',
        },
        deps.clock,
      );
      if (result.outcome === 'reversed')
        return c.json({ id, reversed: true as const, points: result.points }, 200);
      const codes = {
        not_found: 'redemption_not_found',
        other_merchant: 'redemption_not_found',
        not_accepted: 'not_reversible_not_accepted',
        not_same_day: 'not_reversible_not_same_day',
      } as const;
      throw new AppError(codes[result.why]);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/merchant/statements',
      tags: ['merchant device'],
      summary: "The merchant's monthly statements, newest first",
      security: bearerSecurity,
      middleware: [device] as const,
      responses: { ...okJson(StatementList, 'Statements'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const rows = await listStatements(deps.db, {
        allianceId: principal.allianceId,
        merchantId: principal.merchantId!,
      });
      const periods = await deps.db
        .select()
        .from(settlementPeriods)
        .where(eq(settlementPeriods.allianceId, principal.allianceId));
      const periodById = new Map(periods.map((p) => [p.id, p]));
      return c.json(
        {
          statements: rows.map((s) => {
            const period = periodById.get(s.periodId)!;
            return {
              periodId: s.periodId,
              label: s.periodLabel,
              startsAt: period.startsAt.toISOString(),
              endsAt: period.endsAt.toISOString(),
              status: s.paidAt ? ('paid' as const) : ('closed' as const),
              redemptions: s.redemptions,
              points: s.netPoints,
              billFen: s.billFen,
              discountFen: s.discountFen,
              reimbursementFen: s.reimbursementFen,
              paidReference: s.paidReference,
            };
          }),
        },
        200,
      );
    },
  );

  return app;
}
