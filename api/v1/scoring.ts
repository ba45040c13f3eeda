/**
 * /v1/scoring: closing a scoring month (一月一评分), for the alliance or one community: each
 * household's sheet frozen and a positive score paid at the alliance's rate, once; and the
 * month's ranked scores for the notice (一月一公示).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ScoringClose, ScoringNotice } from '../../shared/api/households.ts';
import { Month } from '../../shared/calendar.ts';
import { closeScoring, monthNotice } from '../application/households.ts';
import { ScoringCloseBody } from '../application/inputs.ts';
import { requireRole, requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

export function scoringRoutes(deps: RouteDeps) {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/months/{month}/close',
      operationId: 'closeScoringMonth',
      tags: ['households'],
      summary:
        'Close a scoring month after it ends, for the alliance or one community (communityId: its name): every household’s sheet frozen, one mint per household with a positive score; closing again changes nothing',
      security: bearerSecurity,
      middleware: [requireStaffRight(deps, 'scoring')] as const,
      request: {
        params: z.object({ month: Month }),
        body: { content: { 'application/json': { schema: ScoringCloseBody } }, required: false },
      },
      responses: {
        ...okJson(ScoringClose, 'Closed, or already closed'),
        ...problemResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const body = c.req.valid('json') ?? {};
      return c.json(
        await closeScoring(deps, c.get('principal'), c.req.valid('param').month, body.communityId),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/months/{month}/notice',
      operationId: 'scoringNotice',
      tags: ['households'],
      summary:
        'The scoring section of the monthly notice (一月一公示): every household with a closed sheet, ranked, with base, bonus, deductions and score, and the items most often lost; names masked for residents',
      security: bearerSecurity,
      middleware: [requireRole(deps, 'coordinator', 'staff', 'resident')] as const,
      request: {
        params: z.object({ month: Month }),
        query: z.object({ community: z.string().max(60).optional() }),
      },
      responses: { ...okJson(ScoringNotice, 'The notice'), ...problemResponses(400, 401, 403) },
    }),
    async (c) =>
      c.json(
        await monthNotice(
          deps,
          c.get('principal'),
          c.req.valid('param').month,
          c.req.valid('query').community,
        ),
        200,
      ),
  );

  return app;
}
