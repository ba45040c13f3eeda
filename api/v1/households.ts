/**
 * /v1/households: households as places (issue #16). Staff create them with a door number,
 * community, grid and members, each with a door plate whose QR holds `plateUrl` — the
 * inspector's page at `/inspect/<token>` (served by the UI); they search by door number, name or
 * a member's phone, reissue a plate (the old one stops working), and read a household's monthly
 * sheets (一户一档), as its own members do. An inspector resolves a scanned plate here.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HouseholdList, HouseholdView, Plate, SheetList } from '../../shared/api/households.ts';
import { Month } from '../../shared/calendar.ts';
import {
  createPlace,
  findHouseholds,
  householdOfPlate,
  householdSheets,
  reissueHouseholdPlate,
} from '../application/households.ts';
import { HouseholdBody } from '../application/inputs.ts';
import { requireRole, requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const Id = z.object({ id: z.string().uuid('must be a UUID') });

/** Where people reach the platform: PUBLIC_URL when set, else the request's own origin. */
export const originOf = (deps: RouteDeps, c: Context) => deps.publicOrigin ?? new URL(c.req.url).origin;

export function householdRoutes(deps: RouteDeps) {
  const app = createRouter();
  const desk = requireStaffRight(deps, 'residents');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createHousehold',
      tags: ['households'],
      summary:
        'Create a household: its members earn into and spend from one account; with a door number, community and grid it is a place inspected and scored, and its door plate URL is in the answer',
      security: bearerSecurity,
      middleware: [desk] as const,
      request: { body: jsonBody(HouseholdBody) },
      responses: {
        ...createdJson(HouseholdView, 'Created, with its door plate'),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(await createPlace(deps, c.get('principal'), c.req.valid('json'), originOf(deps, c)), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'findHouseholds',
      tags: ['households'],
      summary:
        'Households by door number (门牌号), name or a member’s phone (door=…), within the caller’s grids; each with its members and door plate URL',
      security: bearerSecurity,
      middleware: [desk] as const,
      request: {
        query: z.object({
          door: z.string().max(80).optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
      responses: { ...okJson(HouseholdList, 'Households'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const households = await findHouseholds(deps, c.get('principal'), q, originOf(deps, c));
      return c.json({ households }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/plate',
      operationId: 'reissuePlate',
      tags: ['households'],
      summary: 'Reissue the door plate: a new token and URL; the old plate stops working at once',
      security: bearerSecurity,
      middleware: [desk] as const,
      request: { params: Id },
      responses: { ...okJson(Plate, 'The new plate'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await reissueHouseholdPlate(deps, c.get('principal'), c.req.valid('param').id, originOf(deps, c)),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/plates/{token}',
      operationId: 'householdOfPlate',
      tags: ['households'],
      summary: 'The household a scanned door plate names (inspectors, within their grids)',
      security: bearerSecurity,
      middleware: [requireStaffRight(deps, 'inspect')] as const,
      request: { params: z.object({ token: z.string().max(64) }) },
      responses: { ...okJson(HouseholdView, 'The household'), ...problemResponses(401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await householdOfPlate(deps, c.get('principal'), c.req.valid('param').token, originOf(deps, c)),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/sheets',
      operationId: 'householdSheets',
      tags: ['households'],
      summary:
        'A household’s monthly scoring sheets (一户一档): with month=YYYY-MM that month’s, frozen when closed or the score so far; without, every closed sheet and this month’s so far. Staff within their grids, and the household’s members.',
      security: bearerSecurity,
      middleware: [requireRole(deps, 'coordinator', 'staff', 'resident')] as const,
      request: { params: Id, query: z.object({ month: Month.optional() }) },
      responses: { ...okJson(SheetList, 'Sheets'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const sheets = await householdSheets(
        deps,
        c.get('principal'),
        c.req.valid('param').id,
        c.req.valid('query').month,
      );
      return c.json({ sheets }, 200);
    },
  );

  return app;
}
