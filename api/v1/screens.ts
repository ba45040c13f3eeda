/**
 * /v1/screens: the coordinator's screen links (一屏公示). Making one answers its URL
 * (`${origin}/screen/#<token>`, to open on the television) and token; the list shows each link
 * with when its screen was last seen, and the URL again while it is active; revoking ends it.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ScreenLinkList, ScreenLinkView } from '../../shared/api/screen.ts';
import { ScreenLinkBody } from '../application/inputs.ts';
import { createScreen, listScreens, revokeScreen } from '../application/screens.ts';
import { requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { originOf } from './households.ts';

export function screenLinkRoutes(deps: RouteDeps) {
  const app = createRouter();
  const coordinator = requireStaffRight(deps, 'screens');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createScreenLink',
      tags: ['screen'],
      summary: 'Make a link for the public screen (一屏公示): open its url on the television',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { body: jsonBody(ScreenLinkBody) },
      responses: { ...createdJson(ScreenLinkView, 'The link'), ...problemResponses(400, 401, 403) },
    }),
    async (c) =>
      c.json(await createScreen(deps, c.get('principal'), c.req.valid('json'), originOf(deps, c)), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listScreenLinks',
      tags: ['screen'],
      summary: 'Screen links, newest first, with when each screen was last seen (active ones with their url)',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      responses: { ...okJson(ScreenLinkList, 'The links'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ screens: await listScreens(deps, c.get('principal'), originOf(deps, c)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/revoke',
      operationId: 'revokeScreenLink',
      tags: ['screen'],
      summary: 'Revoke a screen link: its screen shows only that it was stopped (again changes nothing)',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: z.object({ id: z.string().uuid('must be a UUID') }) },
      responses: { ...okJson(ScreenLinkView, 'The revoked link'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(await revokeScreen(deps, c.get('principal'), c.req.valid('param').id, originOf(deps, c)), 200),
  );

  return app;
}
