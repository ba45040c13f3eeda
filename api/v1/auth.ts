/** /v1/auth: staff sign-in (e-mail or phone), the first sign-in with a one-time code, token refresh and sign-out. */
import { createRoute, z } from '@hono/zod-openapi';
import { FirstSignIn, Login } from '../application/inputs.ts';
import { firstSignIn, refresh, signIn, signOut } from '../application/sessions.ts';
import type { RouteDeps } from '../http/deps.ts';
import { jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

export const SessionTokens = z
  .object({
    accessToken: z.string().openapi({ description: 'EdDSA JWT, valid 15 minutes' }),
    refreshToken: z.string().openapi({ description: 'Opaque; rotates on every refresh' }),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().openapi({ description: 'Seconds until the access token expires' }),
  })
  .openapi('SessionTokens');

const RefreshRequest = z.strictObject({ refreshToken: z.string().min(10).max(200) });

export function authRoutes(deps: RouteDeps) {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/login',
      operationId: 'signIn',
      tags: ['auth'],
      summary: 'Coordinator or staff sign-in',
      security: [],
      request: { body: jsonBody(Login) },
      responses: { ...okJson(SessionTokens, 'Signed in'), ...problemResponses(400, 401, 403, 429) },
    }),
    async (c) => {
      const { tokens } = await signIn(deps, { ...c.req.valid('json'), ip: deps.clientIp(c) });
      return c.json(tokens, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/first-sign-in',
      operationId: 'firstSignIn',
      tags: ['auth'],
      summary:
        'A staff member’s first sign-in with the one-time code the coordinator handed over: sets their password',
      security: [],
      request: { body: jsonBody(FirstSignIn) },
      responses: { ...okJson(SessionTokens, 'Signed in'), ...problemResponses(400, 401, 429) },
    }),
    async (c) => {
      const { tokens } = await firstSignIn(deps, { ...c.req.valid('json'), ip: deps.clientIp(c) });
      return c.json(tokens, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/refresh',
      operationId: 'refreshSession',
      tags: ['auth'],
      summary:
        'Exchange a refresh token for new tokens; within 30 s the same old token gets the same new pair, after that it ends the session',
      security: [],
      request: { body: jsonBody(RefreshRequest) },
      responses: { ...okJson(SessionTokens, 'New tokens'), ...problemResponses(400, 401) },
    }),
    async (c) => c.json(await refresh(deps, c.req.valid('json').refreshToken), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/logout',
      operationId: 'signOut',
      tags: ['auth'],
      summary: 'Sign out on this phone: the refresh token and its family stop working',
      security: [],
      request: { body: jsonBody(RefreshRequest) },
      responses: { 204: { description: 'Signed out' }, ...problemResponses(400) },
    }),
    async (c) => {
      await signOut(deps, c.req.valid('json').refreshToken);
      return c.body(null, 204);
    },
  );

  return app;
}
