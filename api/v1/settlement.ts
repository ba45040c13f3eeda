/**
 * /v1/settlement, for the coordinator: periods, closing one (idempotent), statements as JSON or
 * CSV, one statement line by line, and recording a payment.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { Month } from '../../shared/calendar.ts';
import { Paid } from '../application/inputs.ts';
import { closeMonth, markPaid } from '../application/settlement.ts';
import { allianceSettings } from '../directory/queries.ts';
import { AppError } from '../errors.ts';
import { requireStaffRight } from '../http/auth.ts';
import { csvResponse, jsonOrCsv } from '../http/csv.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { statementCsvFile, statementLines } from '../settlement/report.ts';
import {
  listPeriods,
  listStatements,
  type StatementRow,
  statementsCsvFile,
} from '../settlement/statements.ts';

const Period = z
  .object({
    id: z.string(),
    label: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    state: z.enum(['open', 'closed']),
    closedAt: z.string().nullable(),
  })
  .openapi('SettlementPeriod');

const Statement = z
  .object({
    id: z.string(),
    periodId: z.string(),
    periodLabel: z.string(),
    merchantId: z.string(),
    merchantName: z.string().openapi({ description: "The merchant's name at the close" }),
    merchantNumber: z.number().int(),
    redemptions: z.number().int(),
    pointsCaptured: z.number().int(),
    pointsReversed: z.number().int(),
    pointsAdjusted: z.number().int(),
    netPoints: z.number().int(),
    billFen: z.number().int(),
    discountFen: z.number().int(),
    rateFenPerPoint: z.number().int(),
    fundingRule: z.enum(['merchant', 'per_point', 'share']).openapi({
      description: 'Who funded the discounts: the merchant (nothing due), the alliance per point, or a share',
    }),
    fundingSharePercent: z.number().int().nullable(),
    reimbursementFen: z.number().int().openapi({ description: 'The amount due to the merchant, in fen' }),
    offerFunding: z
      .array(
        z.object({
          offerId: z.string(),
          code: z.string(),
          rule: z.enum(['merchant', 'per_point', 'share']),
          fenPerPoint: z.number().int(),
          sharePercent: z.number().int().nullable(),
          points: z.number().int(),
          discountFen: z.number().int(),
          dueFen: z.number().int(),
        }),
      )
      .openapi({
        description:
          "Offers with their own funding rule: their captures' net points, discount and amount due (included in reimbursementFen); the merchant's rule funds the rest",
      }),
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

const IdParam = z.object({ id: z.string().uuid() });
const Format = z.object({ format: z.enum(['json', 'csv']).default('json') });

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
  fundingRule: s.fundingRule,
  fundingSharePercent: s.fundingSharePercent,
  reimbursementFen: s.reimbursementFen,
  offerFunding: s.offerFunding ?? [],
  conflicts: s.conflicts,
  limitBreaches: s.limitBreaches,
  paidAt: s.paidAt?.toISOString() ?? null,
  paidReference: s.paidReference,
});

export function settlementRoutes(deps: RouteDeps) {
  const app = createRouter();
  const coordinator = requireStaffRight(deps, 'settlement');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/periods',
      operationId: 'listSettlementPeriods',
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
      path: '/periods/{month}/close',
      operationId: 'closeSettlementPeriod',
      tags: ['settlement'],
      summary: 'Close the period holding this month (YYYY-MM); closing again returns the same statements',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: z.object({ month: Month }) },
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
      const closed = await closeMonth(deps, principal, c.req.valid('param').month);
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
      path: '/periods/{id}/statements',
      operationId: 'listStatements',
      tags: ['settlement'],
      summary: "A closed period's statements; ?format=csv for a spreadsheet (UTF-8 with BOM)",
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: IdParam, query: Format },
      responses: {
        ...jsonOrCsv(z.object({ statements: z.array(Statement) }), 'Statements'),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const statements = await listStatements(deps.db, {
        allianceId: c.get('principal').allianceId,
        periodId: id,
      });
      if (c.req.valid('query').format === 'csv') {
        return csvResponse(c, statementsCsvFile(statements, statements[0]?.periodLabel ?? id));
      }
      return c.json({ statements: statements.map(toStatement) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/statements/{id}/lines',
      operationId: 'getStatementLines',
      tags: ['settlement'],
      summary:
        "One statement line by line (captures, reversals, adjustments); ?format=csv for the merchant's books",
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: IdParam, query: Format },
      responses: {
        ...jsonOrCsv(
          z.object({ statement: Statement, lines: z.array(StatementLineView) }),
          'Statement lines',
        ),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { allianceId } = c.get('principal');
      const [statement] = await listStatements(deps.db, { allianceId, statementId: c.req.valid('param').id });
      if (!statement) throw new AppError('statement_not_found');
      if (c.req.valid('query').format === 'csv') {
        const { timezone } = await allianceSettings(deps.db, allianceId);
        return csvResponse(c, await statementCsvFile(deps.db, statement, timezone));
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
      path: '/statements/{id}/paid',
      operationId: 'markStatementPaid',
      tags: ['settlement'],
      summary: 'Record that the alliance paid a statement, with the bank or cash reference (once)',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: IdParam, body: jsonBody(Paid) },
      responses: {
        ...okJson(
          z.object({ outcome: z.enum(['paid', 'already_paid']), paidAt: z.string(), reference: z.string() }),
          'Paid',
        ),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const paid = await markPaid(
        deps,
        c.get('principal'),
        c.req.valid('param').id,
        c.req.valid('json').reference,
      );
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
