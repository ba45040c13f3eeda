/** /v1/conflicts: conflicts waiting for the coordinator; deciding who bears each loss. */
import { createRoute, z } from '@hono/zod-openapi';
import { decide } from '../application/conflicts.ts';
import { Decision } from '../application/inputs.ts';
import { requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { type Conflict, listConflicts } from '../ledger/conflicts.ts';

const ConflictView = z
  .object({
    id: z.string(),
    kind: z.enum(['double_presentment', 'late_shortfall']),
    recordId: z.string(),
    voucherId: z.string(),
    merchantId: z.string(),
    deviceId: z.string().nullable(),
    points: z.number().int(),
    createdAt: z.string(),
    bears: z.enum(['alliance', 'merchant']).nullable(),
    decidedAt: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi('Conflict');

const toView = (k: Conflict) => ({
  id: k.id,
  kind: k.kind,
  recordId: k.recordId,
  voucherId: k.voucherId,
  merchantId: k.merchantId,
  deviceId: k.deviceId,
  points: k.points,
  createdAt: k.createdAt.toISOString(),
  bears: k.bears,
  decidedAt: k.decidedAt?.toISOString() ?? null,
  note: k.note,
});

export function conflictRoutes(deps: RouteDeps) {
  const app = createRouter();
  const coordinator = requireStaffRight(deps, 'conflicts');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listConflicts',
      tags: ['ledger'],
      summary: 'Conflicts (double presentment, late shortfall), undecided first if asked',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { query: z.object({ undecided: z.enum(['true', 'false']).default('false') }) },
      responses: {
        ...okJson(z.object({ conflicts: z.array(ConflictView) }), 'Conflicts'),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const list = await listConflicts(deps.db, {
        allianceId: c.get('principal').allianceId,
        undecidedOnly: c.req.valid('query').undecided === 'true',
      });
      return c.json({ conflicts: list.map(toView) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/decide',
      operationId: 'decideConflict',
      tags: ['ledger'],
      summary: 'Decide who bears the loss: the alliance fund pays the merchant, or the merchant keeps it',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: z.object({ id: z.string().uuid() }), body: jsonBody(Decision) },
      responses: { ...okJson(ConflictView, 'Decided'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const decided = await decide(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json'));
      return c.json(toView(decided.conflict), 200);
    },
  );

  return app;
}
