/**
 * /v1/rankings: points earned in a day, week, month or year, by residents or households,
 * alliance-wide or in one community (issue #17, docs/rankings.md). Residents see names masked and
 * their own line; staff see full names. Not for devices or POS systems.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { RankingPeriod, RankingScope, RankingsResponse } from '../../shared/api/rankings.ts';
import { Day } from '../../shared/calendar.ts';
import { RANKING_DEFAULT_LIMIT, RANKING_MAX_LIMIT, rankings } from '../application/rankings.ts';
import { requireRole } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

export function rankingRoutes(deps: RouteDeps) {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'rankings',
      tags: ['rankings'],
      summary:
        'Points earned (grants and approved claims, minus deductions, plus restores) in the day, week (Monday–Sunday), month or year holding `at`, ranked; ties go to whoever reached the total first; names masked for residents, with their own line in `me`',
      security: bearerSecurity,
      middleware: [requireRole(deps, 'coordinator', 'staff', 'resident')] as const,
      request: {
        query: z.object({
          period: RankingPeriod.default('month'),
          at: Day.optional(),
          scope: RankingScope.default('residents'),
          communityId: z.string().min(1).max(60).optional(),
          limit: z.coerce.number().int().min(1).max(RANKING_MAX_LIMIT).default(RANKING_DEFAULT_LIMIT),
        }),
      },
      responses: { ...okJson(RankingsResponse, 'The ranking'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json(await rankings(deps, c.get('principal'), c.req.valid('query')), 200),
  );

  return app;
}
