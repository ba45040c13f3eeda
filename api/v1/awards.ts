/**
 * /v1/awards: what the coordinator gave a resident or a household for their place in an ended
 * month's or year's ranking (issue #17, docs/rankings.md "Awards"). Rank and points come from the
 * server's ranking, never the request; recording the same holder again answers the first award.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { type Award, AwardList, AwardPeriod, AwardResult } from '../../shared/api/awards.ts';
import { Day } from '../../shared/calendar.ts';
import { AwardBody } from '../application/inputs.ts';
import { giveAward, listAwards } from '../application/rankings.ts';
import { requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import type { AwardLine } from '../rankings/awards.ts';

const view = (a: Omit<AwardLine, 'givenByName'> & { givenByName?: string | null }): Award => ({
  id: a.id,
  period: a.period,
  periodStart: a.periodStart,
  scope: a.scope,
  community: a.community,
  holderId: a.holderId,
  holderName: a.holderName,
  rank: a.rank,
  points: a.points,
  gift: a.gift,
  valueFen: a.valueFen,
  givenBy: { id: a.givenBy, name: a.givenByName ?? null },
  givenAt: a.givenAt.toISOString(),
});

export function awardRoutes(deps: RouteDeps) {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'giveAward',
      tags: ['rankings'],
      summary:
        'Record what was given to a resident or household for their place in an ended month’s or year’s ranking; rank and points are the server’s; the same holder, period and scope again answers the first award (200, already_recorded)',
      security: bearerSecurity,
      middleware: [requireStaffRight(deps, 'awards')] as const,
      request: { body: jsonBody(AwardBody) },
      responses: {
        ...createdJson(AwardResult, 'Recorded'),
        ...okJson(AwardResult, 'Already recorded: the first award, unchanged'),
        ...problemResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const r = await giveAward(deps, c.get('principal'), c.req.valid('json'));
      const award = view(r.award);
      return r.outcome === 'recorded'
        ? c.json({ outcome: r.outcome, award }, 201)
        : c.json({ outcome: r.outcome, award }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listAwards',
      tags: ['rankings'],
      summary:
        'The awards given for the month or the year holding `at` (default: today), every scope and community',
      security: bearerSecurity,
      middleware: [requireStaffRight(deps, 'overview')] as const,
      request: { query: z.object({ period: AwardPeriod.default('month'), at: Day.optional() }) },
      responses: {
        ...okJson(AwardList, 'The awards'),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const r = await listAwards(deps, c.get('principal'), c.req.valid('query'));
      return c.json({ period: r.period, periodStart: r.periodStart, awards: r.awards.map(view) }, 200);
    },
  );

  return app;
}
