/**
 * /v1/rules: the earning rules. Everyone signed in reads them (a resident's claim form lists the
 * rules they may claim); the coordinator creates, edits (a new version) and imports a catalogue.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { RuleList, RuleView } from '../../shared/api/earning.ts';
import { addRule, changeRule, exportRules, importRuleFile, toRuleView } from '../application/earning.ts';
import { RuleBody, RuleChanges } from '../application/inputs.ts';
import { currentRules } from '../earning/rules.ts';
import { requireRole, requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const ImportResult = z
  .object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })
  .openapi('RuleImport');

export function ruleRoutes(deps: RouteDeps) {
  const app = createRouter();
  const coordinator = requireStaffRight(deps, 'rules');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listRules',
      tags: ['earning'],
      summary:
        'The rules at their current version (a resident sees the ones they may claim, in force today or not)',
      security: bearerSecurity,
      middleware: [requireRole(deps, 'coordinator', 'staff', 'resident')] as const,
      responses: { ...okJson(RuleList, 'Rules'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const all = (await currentRules(deps.db, principal.allianceId)).map(toRuleView);
      const rules =
        principal.role === 'resident' ? all.filter((r) => r.selfClaim && r.kind !== 'deduction') : all;
      return c.json({ rules }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createRule',
      tags: ['earning'],
      summary: 'Add a rule (version 1); a deduction gives its points as a positive number, taken away',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { body: jsonBody(RuleBody) },
      responses: { ...createdJson(RuleView, 'Created'), ...problemResponses(400, 401, 403, 409) },
    }),
    async (c) => c.json(toRuleView(await addRule(deps, c.get('principal'), c.req.valid('json'))), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      operationId: 'editRule',
      tags: ['earning'],
      summary: 'Edit a rule: a new version becomes current; claims keep the version they were made under',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: z.object({ id: z.string().uuid() }), body: jsonBody(RuleChanges) },
      responses: { ...okJson(RuleView, 'The new version'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(
        toRuleView(await changeRule(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json'))),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/export',
      operationId: 'exportRules',
      tags: ['earning'],
      summary:
        'The rules at their current versions as a CSV file in the columns the import reads (UTF-8 with a BOM), to edit in a spreadsheet and import again',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      responses: {
        200: { description: 'The catalogue', content: { 'text/csv': { schema: z.string() } } },
        ...problemResponses(401, 403),
      },
    }),
    async (c) =>
      c.body(await exportRules(deps, c.get('principal')), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="rules.csv"',
        'cache-control': 'private, no-store',
      }),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/import',
      operationId: 'importRules',
      tags: ['earning'],
      summary:
        'Import a catalogue (text/csv with a header row: code, category, titleZh, titleEn, kind, points, pointsPerHour, min, max, evidence, selfClaim, fourEyes, perDay, perWeek, perMonth, pointsPerMonth, activeFrom, activeTo). Nothing is imported unless every line is clean; the same file twice changes nothing.',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { body: { content: { 'text/csv': { schema: z.string() } }, required: true } },
      responses: { ...okJson(ImportResult, 'Imported'), ...problemResponses(400, 401, 403, 413) },
    }),
    async (c) => c.json(await importRuleFile(deps, c.get('principal'), await c.req.text()), 200),
  );

  return app;
}
