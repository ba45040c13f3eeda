/**
 * /v1/inspections: an inspector's check of a household (by id, or by the token of the door plate
 * they scanned), under an Idempotency-Key so a check retried after weak signal is saved once.
 * A second check in the same week needs `confirmSecond: true`.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { InspectionView } from '../../shared/api/households.ts';
import { submitInspection } from '../application/households.ts';
import { requireIdempotencyKey } from '../application/idempotency.ts';
import { InspectionBody } from '../application/inputs.ts';
import { requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

export function inspectionRoutes(deps: RouteDeps) {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'recordInspection',
      tags: ['households'],
      summary:
        'Record a check: every item of the template 好 (ok: true) or 差 (ok: false), bonus items ok: true to give their points; checkedOn defaults to today, never later, and only in a scoring month not closed',
      description:
        'Needs an Idempotency-Key header: a retry with the same key and body records nothing more.',
      security: bearerSecurity,
      middleware: [requireStaffRight(deps, 'inspect')] as const,
      request: {
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: jsonBody(InspectionBody),
      },
      responses: { ...createdJson(InspectionView, 'Recorded'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const key = requireIdempotencyKey(c.req.header('idempotency-key'));
      return c.json(await submitInspection(deps, c.get('principal'), c.req.valid('json'), key), 201);
    },
  );

  return app;
}
