/** Conflicts waiting for the coordinator: list them, and decide who bears each loss. */
import { createRoute, z } from '@hono/zod-openapi';
import { Text } from '../../shared/text.ts';
import { requireRole } from '../auth/middleware.ts';
import { audit } from '../directory/audit.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { type Conflict, decideConflict, listConflicts } from './conflicts.ts';

const ConflictView = z
  .object({
    id: z.string(),
    kind: z.string(),
    recordId: z.string(),
    voucherId: z.string(),
    merchantId: z.string(),
    deviceId: z.string().nullable(),
    points: z.number().int(),
    createdAt: z.string(),
    bears: z.string().nullable(),
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
  const coordinator = requireRole(deps, 'coordinator');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/conflicts',
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
      path: '/v1/conflicts/{id}/decide',
      tags: ['ledger'],
      summary: 'Decide who bears the loss: the alliance fund pays the merchant, or the merchant keeps it',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: {
        params: z.object({ id: z.string().uuid() }),
        body: jsonBody(
          z.strictObject({
            bears: z.enum(['alliance', 'merchant']),
            note: Text(500)
              .transform((s) => s.trim())
              .optional(),
          }),
        ),
      },
      responses: { ...okJson(ConflictView, 'Decided'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const decided = await decideConflict(
        deps.db,
        {
          allianceId: principal.allianceId,
          conflictId: id,
          bears: body.bears,
          actorId: principal.subjectId,
          ...(body.note ? { note: body.note } : {}),
        },
        deps.clock,
      );
      if (decided.outcome === 'decided')
        await audit(deps.db, principal, 'conflict.decide', id, { bears: body.bears });
      return c.json(toView(decided.conflict), 200);
    },
  );
  return app;
}
