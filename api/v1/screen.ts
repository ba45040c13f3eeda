/**
 * /v1/screen/{token}: the public screen's data (一屏公示), read by the television with its link's
 * token and no sign-in, and the photos of the good deeds it shows. Public by design: masked
 * names, no ids of people, totals only (shared/api/screen.ts). A revoked or unknown token is a
 * 404 problem, on which the screen shows only that it was stopped.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ScreenData } from '../../shared/api/screen.ts';
import { readScreen, readScreenPhoto } from '../application/screens.ts';
import type { RouteDeps } from '../http/deps.ts';
import { okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const Token = z.string().min(1).max(100).openapi({ description: 'The screen link’s token' });
const image = { schema: z.string().openapi({ format: 'binary' }) };

export function screenRoutes(deps: RouteDeps) {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{token}',
      operationId: 'readScreen',
      tags: ['screen'],
      // No sign-in on a television: the link's token in the path is the key.
      security: [],
      summary:
        'The public screen’s data: today’s and this month’s top ten (masked), good deeds, activities, this month’s points, merchants',
      request: { params: z.object({ token: Token }) },
      responses: { ...okJson(ScreenData, 'The screen’s data'), ...problemResponses(400, 404) },
    }),
    async (c) => {
      const data = await readScreen(deps, c.req.valid('param').token);
      c.header('cache-control', 'no-store');
      return c.json(data, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{token}/photos/{photoId}',
      operationId: 'readScreenPhoto',
      tags: ['screen'],
      security: [],
      summary: 'A photo of a good deed the screen shows (no other photo)',
      request: { params: z.object({ token: Token, photoId: z.string().uuid('must be a UUID') }) },
      responses: {
        200: {
          description: 'The image',
          content: { 'image/jpeg': image, 'image/png': image, 'image/webp': image },
        },
        ...problemResponses(400, 404, 410),
      },
    }),
    async (c) => {
      const { token, photoId } = c.req.valid('param');
      const file = await readScreenPhoto(deps, token, photoId);
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': file.contentType,
        'cache-control': 'private, max-age=3600',
        'x-content-type-options': 'nosniff',
      });
    },
  );

  return app;
}
