/**
 * /v1/sheets: objections (异议) to a closed scoring sheet. A member of the household objects within
 * the alliance's window; the coordinator reads the open ones and decides — upholding with a new
 * score posts one correction for the difference.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ObjectionList, ObjectionView } from '../../shared/api/households.ts';
import { decideSheetObjection, objectionQueue, objectToSheet } from '../application/households.ts';
import { ObjectionBody, ObjectionDecisionBody } from '../application/inputs.ts';
import { requireRole, requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const Id = z.object({ id: z.string().uuid('must be a UUID') });

export function sheetRoutes(deps: RouteDeps) {
  const app = createRouter();
  const coordinator = requireStaffRight(deps, 'scoring');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/objections',
      operationId: 'openObjections',
      tags: ['households'],
      summary: 'Objections waiting for a decision, oldest first',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      responses: { ...okJson(ObjectionList, 'Open objections'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ objections: await objectionQueue(deps, c.get('principal')) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/objections',
      operationId: 'objectToSheet',
      tags: ['households'],
      summary:
        'Object to the household’s sheet, within the alliance’s window (default 5 days after the close)',
      security: bearerSecurity,
      middleware: [requireRole(deps, 'resident')] as const,
      request: { params: Id, body: jsonBody(ObjectionBody) },
      responses: { ...createdJson(ObjectionView, 'Filed'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await objectToSheet(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json').note),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/objections/{objectionId}/decision',
      operationId: 'decideObjection',
      tags: ['households'],
      summary:
        'Decide an objection: uphold with the corrected score (one correction transfer for the difference in points) or reject, with a reason',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: {
        params: z.object({
          id: z.string().uuid('must be a UUID'),
          objectionId: z.string().uuid('must be a UUID'),
        }),
        body: jsonBody(ObjectionDecisionBody),
      },
      responses: { ...okJson(ObjectionView, 'Decided'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id, objectionId } = c.req.valid('param');
      return c.json(
        await decideSheetObjection(deps, c.get('principal'), id, objectionId, c.req.valid('json')),
        200,
      );
    },
  );

  return app;
}
