/**
 * /v1/inspection-templates: what a check marks. Staff and inspectors read the templates in use;
 * the coordinator adds one (a template is never edited: a new one is made, and sheets keep theirs).
 */
import { createRoute } from '@hono/zod-openapi';
import { TemplateList, TemplateView } from '../../shared/api/households.ts';
import { addTemplate, listTemplates } from '../application/households.ts';
import { TemplateBody } from '../application/inputs.ts';
import { requireRole, requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

export function inspectionTemplateRoutes(deps: RouteDeps) {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listInspectionTemplates',
      tags: ['households'],
      summary: 'The inspection templates in use, newest first',
      security: bearerSecurity,
      middleware: [requireRole(deps, 'coordinator', 'staff')] as const,
      responses: { ...okJson(TemplateList, 'Templates'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ templates: await listTemplates(deps, c.get('principal')) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createInspectionTemplate',
      tags: ['households'],
      summary:
        'Add a template: items with their kept and lost points, an optional bonus section with its cap, the month rule (every_check: kept only if every check passed; last_check: as the last check found it) and the check frequency',
      security: bearerSecurity,
      middleware: [requireStaffRight(deps, 'scoring')] as const,
      request: { body: jsonBody(TemplateBody) },
      responses: { ...createdJson(TemplateView, 'Created'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json(await addTemplate(deps, c.get('principal'), c.req.valid('json')), 201),
  );

  return app;
}
