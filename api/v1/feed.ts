/** /v1/feed: the public good deeds (好人好事), newest first, and a resident's one 点赞 each. */
import { createRoute, z } from '@hono/zod-openapi';
import { Feed } from '../../shared/api/earning.ts';
import { feed, like } from '../application/earning.ts';
import { requireRole } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

export function feedRoutes(deps: RouteDeps) {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'goodDeedsFeed',
      tags: ['earning'],
      summary: 'Approved claims their residents chose to show, names masked, newest first',
      security: bearerSecurity,
      middleware: [requireRole(deps, 'resident', 'coordinator', 'staff')] as const,
      request: {
        query: z.object({
          before: z.string().datetime().optional(),
          limit: z.coerce.number().int().min(1).max(50).optional(),
        }),
      },
      responses: { ...okJson(Feed, 'The feed'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const items = await feed(deps, c.get('principal'), {
        before: q.before ? new Date(q.before) : undefined,
        limit: q.limit ?? 20,
      });
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{claimId}/like',
      operationId: 'likeGoodDeed',
      tags: ['earning'],
      summary: 'Give a good deed one 点赞 (again changes nothing)',
      security: bearerSecurity,
      middleware: [requireRole(deps, 'resident')] as const,
      request: { params: z.object({ claimId: z.string().uuid() }) },
      responses: { 204: { description: 'Liked' }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      await like(deps, c.get('principal'), c.req.valid('param').claimId);
      return c.body(null, 204);
    },
  );

  return app;
}
