/**
 * /v1/deductions: staff record a deduction under a deduction rule against a resident or a
 * household (points come from the free balance only); the resident appeals once, within the
 * window; a reviewer other than the recorder decides the appeal.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { DeductionView } from '../../shared/api/earning.ts';
import { appeal, appealQueue, decideDeductionAppeal, deduct } from '../application/earning.ts';
import { AppealBody, AppealDecision, DeductionBody } from '../application/inputs.ts';
import { requireRole, requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const Id = z.object({ id: z.string().uuid() });

export function deductionRoutes(deps: RouteDeps) {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'recordDeduction',
      tags: ['earning'],
      summary:
        'Record a deduction (residentId or householdId): takes the free balance only, never below zero nor from points an open code holds',
      security: bearerSecurity,
      middleware: [requireStaffRight(deps, 'deduct')] as const,
      request: { body: jsonBody(DeductionBody) },
      responses: { ...createdJson(DeductionView, 'Recorded'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await deduct(deps, c.get('principal'), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/appeal',
      operationId: 'appealDeduction',
      tags: ['earning'],
      summary: 'Appeal a deduction, once, within the alliance’s window (default 7 days)',
      security: bearerSecurity,
      middleware: [requireRole(deps, 'resident')] as const,
      request: { params: Id, body: jsonBody(AppealBody) },
      responses: { ...okJson(DeductionView, 'Appealed'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(await appeal(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json').note), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/appeals',
      operationId: 'listAppeals',
      tags: ['earning'],
      summary: 'Appeals waiting for a reviewer, oldest first',
      security: bearerSecurity,
      middleware: [requireStaffRight(deps, 'review')] as const,
      responses: {
        ...okJson(z.object({ deductions: z.array(DeductionView) }), 'Appeals'),
        ...problemResponses(401, 403),
      },
    }),
    async (c) =>
      c.json({ deductions: (await appealQueue(deps, c.get('principal'))).map((a) => a.view) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/appeal/decision',
      operationId: 'decideAppeal',
      tags: ['earning'],
      summary: 'Uphold (the points come back, linked to the deduction) or reject an appeal; final',
      security: bearerSecurity,
      middleware: [requireStaffRight(deps, 'review')] as const,
      request: { params: Id, body: jsonBody(AppealDecision) },
      responses: { ...okJson(DeductionView, 'Decided'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await decideDeductionAppeal(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  return app;
}
