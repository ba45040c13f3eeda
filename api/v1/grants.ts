/** /v1/grants: points for a good deed, granted by coordinator or staff under an Idempotency-Key. */
import { createRoute, z } from '@hono/zod-openapi';
import { grantPoints } from '../application/grants.ts';
import { requireIdempotencyKey } from '../application/idempotency.ts';
import { Grant } from '../application/inputs.ts';
import { requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const GrantResponse = z
  .object({
    transferId: z.string(),
    residentId: z.string(),
    points: z.number().int(),
    balance: z.number().int(),
  })
  .openapi('Grant');

export function grantRoutes(deps: RouteDeps) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'grantPoints',
      tags: ['ledger'],
      summary: 'Grant points to a resident (or their household) for a good deed',
      description:
        'Needs an Idempotency-Key header: a retry with the same key and body gets the same answer and grants nothing more.',
      security: bearerSecurity,
      middleware: [requireStaffRight(deps, 'grant')] as const,
      request: {
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: jsonBody(Grant),
      },
      responses: { ...createdJson(GrantResponse, 'Granted'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const key = requireIdempotencyKey(c.req.header('idempotency-key'));
      return c.json(await grantPoints(deps, c.get('principal'), c.req.valid('json'), key), 201);
    },
  );
  return app;
}
