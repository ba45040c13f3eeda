/**
 * /v1/evidence: photos for claims and deductions. The body is the image's bytes (JPEG, PNG or
 * WebP, sniffed from the bytes, at most 1 MiB); the answer is its id, to name in a claim. A
 * photo is served only to who may see it, never cached by a shared cache.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { EvidenceUploaded } from '../../shared/api/earning.ts';
import { readEvidence, uploadEvidence } from '../application/earning.ts';
import { requireRole } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const image = { schema: z.string().openapi({ format: 'binary' }) };

export function evidenceRoutes(deps: RouteDeps) {
  const app = createRouter();
  const anyPerson = requireRole(deps, 'coordinator', 'staff', 'resident');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'uploadEvidence',
      tags: ['earning'],
      summary: 'Upload a photo (the body is the image: Content-Type image/jpeg, image/png or image/webp)',
      security: bearerSecurity,
      middleware: [anyPerson] as const,
      request: {
        body: { content: { 'image/jpeg': image, 'image/png': image, 'image/webp': image }, required: true },
      },
      responses: { ...createdJson(EvidenceUploaded, 'Stored'), ...problemResponses(401, 403, 413, 415) },
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await uploadEvidence(deps, c.get('principal'), bytes), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      operationId: 'getEvidence',
      tags: ['earning'],
      summary: 'A photo, for the uploader, the claimant, staff who review, or anyone for a public good deed',
      security: bearerSecurity,
      middleware: [anyPerson] as const,
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: {
        200: {
          description: 'The image',
          content: { 'image/jpeg': image, 'image/png': image, 'image/webp': image },
        },
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const file = await readEvidence(deps, c.get('principal'), c.req.valid('param').id);
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': file.contentType,
        'cache-control': 'private, max-age=86400',
        'x-content-type-options': 'nosniff',
      });
    },
  );

  return app;
}
