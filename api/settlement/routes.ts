/**
 * Settlement routes for the coordinator: periods, closing one (idempotent), statements as JSON
 * and CSV (UTF-8 with BOM so Excel opens the Chinese names), and marking a statement paid.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { Month } from '../../shared/calendar.ts';
import { Name } from '../../shared/text.ts';
import { requireRole } from '../auth/middleware.ts';
import { alliances } from '../db/schema/index.ts';
import { audit } from '../directory/audit.ts';
import { AppError } from '../errors.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { closeSettlementPeriod } from './close.ts';
import { statementCsvDownload, statementLines } from './report.ts';
import {
  listPeriods,
  listStatements,
  markStatementPaid,
  type StatementRow,
  statementsCsvDownload,
} from './statements.ts';

const Period = z
  .object({
    id: z.string(),
    label: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    state: z.string(),
    closedAt: z.string().nullable(),
  })
  .openapi('SettlementPeriod');
const Statement = z
  .object({
    id: z.string(),
    periodId: z.string(),
    periodLabel: z.string(),
    merchantId: z.string(),
    merchantName: z.string(),
    merchantNumber: z.number().int(),
    redemptions: z.number().int(),
    pointsCaptured: z.number().int(),
    pointsReversed: z.number().int(),
    pointsAdjusted: z.number().int(),
    netPoints: z.number().int(),
    billFen: z.number().int(),
    discountFen: z.number().int(),
    rateFenPerPoint: z.number().int(),
    reimbursementFen: z.number().int(),
    conflicts: z.number().int(),
    limitBreaches: z.number().int(),
    paidAt: z.string().nullable(),
    paidReference: z.string().nullable(),
  })
  .openapi('SettlementStatement');

const StatementLineView = z
  .object({
    transferId: z.string(),
    kind: z.string().openapi({ description: 'capture, reverse or adjust' }),
    createdAt: z.string(),
    recordId: z.string().nullable(),
    deviceId: z.string().nullable(),
    offerId: z.string().nullable(),
    scannedAt: z.string().nullable(),
    points: z.number().int().openapi({ description: 'Signed: positive is owed to the merchant' }),
    billFen: z.number().int(),
    discountFen: z.number().int(),
    reason: z.string().nullable(),
  })
  .openapi('StatementLine');

const toPeriod = (p: Awaited<ReturnType<typeof listPeriods>>[number]) => ({
  id: p.id,
  label: p.label,
  startsAt: p.startsAt.toISOString(),
  endsAt: p.endsAt.toISOString(),
  state: p.state,
  closedAt: p.closedAt?.toISOString() ?? null,
});
const toStatement = (s: StatementRow) => ({
  id: s.id,
  periodId: s.periodId,
  periodLabel: s.periodLabel,
  merchantId: s.merchantId,
  merchantName: s.merchantName,
  merchantNumber: s.merchantNumber,
  redemptions: s.redemptions,
  pointsCaptured: s.pointsCaptured,
  pointsReversed: s.pointsReversed,
  pointsAdjusted: s.pointsAdjusted,
  netPoints: s.netPoints,
  billFen: s.billFen,
  discountFen: s.discountFen,
  rateFenPerPoint: s.rateFenPerPoint,
  reimbursementFen: s.reimbursementFen,
  conflicts: s.conflicts,
  limitBreaches: s.limitBreaches,
  paidAt: s.paidAt?.toISOString() ?? null,
  paidReference: s.paidReference,
});

export function settlementRoutes(deps: RouteDeps) {
  const app = createRouter();
  const coordinator = requireRole(deps, 'coordinator');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/settlement/periods',
      tags: ['settlement'],
      summary: 'Settlement periods, newest first',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      responses: {
        ...okJson(z.object({ periods: z.array(Period) }), 'Periods'),
        ...problemResponses(401, 403),
      },
    }),
    async (c) =>
      c.json({ periods: (await listPeriods(deps.db, c.get('principal').allianceId)).map(toPeriod) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/settlement/periods/{month}/close',
      tags: ['settlement'],
      summary: 'Close the period holding this month (YYYY-MM); closing again returns the same statements',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: {
        params: z.object({
          month: Month,
        }),
      },
      responses: {
        ...okJson(
          z.object({
            outcome: z.enum(['closed', 'already_closed']),
            period: Period,
            statements: z.array(Statement),
          }),
          'Closed',
        ),
        ...problemResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { month } = c.req.valid('param');
      const closed = await closeSettlementPeriod(
        deps.db,
        { allianceId: principal.allianceId, month, actorId: principal.subjectId },
        deps.clock,
      );
      if (closed.outcome === 'closed')
        await audit(deps.db, principal, 'settlement.close', closed.period.id, { label: closed.period.label });
      const statements = await listStatements(deps.db, {
        allianceId: principal.allianceId,
        periodId: closed.period.id,
      });
      return c.json(
        { outcome: closed.outcome, period: toPeriod(closed.period), statements: statements.map(toStatement) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/settlement/periods/{id}/statements',
      tags: ['settlement'],
      summary: "A closed period's statements; ?format=csv for a spreadsheet (UTF-8 with BOM)",
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: {
        params: z.object({ id: z.string().uuid() }),
        query: z.object({ format: z.enum(['json', 'csv']).default('json') }),
      },
      responses: {
        ...okJson(z.object({ statements: z.array(Statement) }), 'Statements'),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const statements = await listStatements(deps.db, { allianceId: principal.allianceId, periodId: id });
      if (c.req.valid('query').format === 'csv') {
        return statementsCsvDownload(statements, statements[0]?.periodLabel ?? id) as never;
      }
      return c.json({ statements: statements.map(toStatement) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/settlement/statements/{id}/lines',
      tags: ['settlement'],
      summary:
        "One statement line by line (captures, reversals, adjustments); ?format=csv for the merchant's books",
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: {
        params: z.object({ id: z.string().uuid() }),
        query: z.object({ format: z.enum(['json', 'csv']).default('json') }),
      },
      responses: {
        ...okJson(z.object({ statement: Statement, lines: z.array(StatementLineView) }), 'Statement lines'),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const [statement] = await listStatements(deps.db, {
        allianceId: principal.allianceId,
        statementId: id,
      });
      if (!statement) throw new AppError('statement_not_found', { detail: 'No such statement.' });
      if (c.req.valid('query').format === 'csv') {
        const [alliance] = await deps.db
          .select()
          .from(alliances)
          .where(eq(alliances.id, principal.allianceId));
        return (await statementCsvDownload(deps.db, statement, alliance!.timezone)) as never;
      }
      const lines = await statementLines(deps.db, statement);
      return c.json(
        {
          statement: toStatement(statement),
          lines: lines.map((l) => ({
            ...l,
            createdAt: l.createdAt.toISOString(),
            scannedAt: l.scannedAt?.toISOString() ?? null,
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/settlement/statements/{id}/paid',
      tags: ['settlement'],
      summary: 'Record that the alliance paid a statement, with the bank or cash reference (once)',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: {
        params: z.object({ id: z.string().uuid() }),
        body: jsonBody(z.strictObject({ reference: Name(120) })),
      },
      responses: {
        ...okJson(
          z.object({ outcome: z.enum(['paid', 'already_paid']), paidAt: z.string(), reference: z.string() }),
          'Paid',
        ),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const { reference } = c.req.valid('json');
      const paid = await markStatementPaid(
        deps.db,
        { allianceId: principal.allianceId, statementId: id, reference, actorId: principal.subjectId },
        deps.clock,
      );
      if (paid.outcome === 'paid') await audit(deps.db, principal, 'settlement.paid', id, { reference });
      return c.json(
        {
          outcome: paid.outcome,
          paidAt: paid.statement.paidAt!.toISOString(),
          reference: paid.statement.paidReference!,
        },
        200,
      );
    },
  );
  return app;
}
