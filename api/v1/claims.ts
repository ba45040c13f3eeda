/**
 * /v1/claims: a resident files a claim for points (staff file one at the counter for a resident
 * without a phone, naming `residentId`), under an Idempotency-Key; reviewers read the queue and
 * decide (approve within the rule, refuse with a reason, or ask for more material); the resident
 * adds material when asked; staff hide a good deed from the public feed.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ClaimList, ClaimRequest, ClaimStatus, ClaimView, MoreMaterial } from '../../shared/api/earning.ts';
import { addClaimMaterial, claimQueue, decide, hide, submitClaim } from '../application/earning.ts';
import { requireIdempotencyKey } from '../application/idempotency.ts';
import { ClaimDecision } from '../application/inputs.ts';
import { requireRole, requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const Filed = z.object({ id: z.string(), status: ClaimStatus }).openapi('ClaimFiled');
const Id = z.object({ id: z.string().uuid() });

export function claimRoutes(deps: RouteDeps) {
  const app = createRouter();
  const reviewer = requireStaffRight(deps, 'review');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'fileClaim',
      tags: ['earning'],
      summary: 'File a claim for points under a rule (a resident for themselves; staff name residentId)',
      description: 'Needs an Idempotency-Key header: a retry with the same key and body files nothing more.',
      security: bearerSecurity,
      middleware: [requireRole(deps, 'resident', 'coordinator', 'staff')] as const,
      request: {
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: jsonBody(ClaimRequest),
      },
      responses: { ...createdJson(Filed, 'Filed'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const key = requireIdempotencyKey(c.req.header('idempotency-key'));
      return c.json(await submitClaim(deps, c.get('principal'), c.req.valid('json'), key), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'reviewQueue',
      tags: ['earning'],
      summary: 'Claims waiting for a reviewer, oldest first (status submitted or awaiting_second by default)',
      security: bearerSecurity,
      middleware: [reviewer] as const,
      request: {
        query: z.object({
          status: z.enum(['submitted', 'awaiting_second', 'needs_more']).optional(),
          category: z.string().max(40).optional(),
          rule: z.string().max(40).optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
        }),
      },
      responses: { ...okJson(ClaimList, 'Claims'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const claims = await claimQueue(deps, c.get('principal'), {
        status: q.status,
        category: q.category,
        ruleCode: q.rule,
        ...(q.limit ? { limit: q.limit } : {}),
      });
      return c.json({ claims }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/decisions',
      operationId: 'decideClaim',
      tags: ['earning'],
      summary:
        'Approve (points within a range rule), refuse (with a reason) or ask for more material; above the threshold two reviewers approve and only the second awards',
      security: bearerSecurity,
      middleware: [reviewer] as const,
      request: { params: Id, body: jsonBody(ClaimDecision) },
      responses: {
        ...okJson(ClaimView, 'The claim after the decision'),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(await decide(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/material',
      operationId: 'addClaimMaterial',
      tags: ['earning'],
      summary: 'Add the note or photos a reviewer asked for; the claim goes back to the queue',
      security: bearerSecurity,
      middleware: [requireRole(deps, 'resident')] as const,
      request: { params: Id, body: jsonBody(MoreMaterial) },
      responses: { ...okJson(Filed, 'Back in the queue'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const claim = await addClaimMaterial(
        deps,
        c.get('principal'),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json({ id: claim.id, status: claim.status }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/hide',
      operationId: 'hideGoodDeed',
      tags: ['earning'],
      summary: 'Take a good deed out of the public feed (the claim and its points stay)',
      security: bearerSecurity,
      middleware: [reviewer] as const,
      request: { params: Id },
      responses: { 204: { description: 'Hidden' }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      await hide(deps, c.get('principal'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  return app;
}
