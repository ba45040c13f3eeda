/** /v1/residents: the directory of people, for coordinator and staff (/v1/households: households.ts). */
import { createRoute, z } from '@hono/zod-openapi';
import { Text } from '../../shared/text.ts';
import { createResident, issueResidentCode, updateResident } from '../application/directory.ts';
import { NewResident, ResidentChanges } from '../application/inputs.ts';
import { type ResidentRow, residentsPage } from '../directory/queries.ts';
import { requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const Id = z.object({ id: z.string().uuid('must be a UUID') });

const Resident = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    phone: z.string().nullable(),
    householdId: z.string().uuid().nullable(),
    createdAt: z.string(),
  })
  .openapi('Resident');

export const EnrollmentSlip = z
  .object({ enrollmentCode: z.string(), expiresAt: z.string() })
  .openapi('EnrollmentSlip', { description: 'Show as text and as a QR; single use' });

const toResident = (r: ResidentRow) => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  householdId: r.householdId,
  createdAt: r.createdAt.toISOString(),
});

export function residentRoutes(deps: RouteDeps) {
  const app = createRouter();
  const staff = requireStaffRight(deps, 'residents');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createResident',
      tags: ['directory'],
      summary: 'Register a resident; returns a single-use enrollment code for their phone',
      security: bearerSecurity,
      middleware: [staff] as const,
      request: { body: jsonBody(NewResident) },
      responses: {
        ...createdJson(
          Resident.extend({ enrollmentCode: z.string(), enrollmentCodeExpiresAt: z.string() }),
          'Created',
        ),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { resident, slip } = await createResident(deps, c.get('principal'), c.req.valid('json'));
      return c.json(
        {
          ...toResident(resident),
          enrollmentCode: slip.code,
          enrollmentCodeExpiresAt: slip.expiresAt.toISOString(),
        },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listResidents',
      tags: ['directory'],
      summary: 'List residents, optionally searching name or phone',
      security: bearerSecurity,
      middleware: [staff] as const,
      request: {
        query: z.object({
          q: Text(60)
            .transform((s) => s.trim())
            .optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
      },
      responses: {
        ...okJson(z.object({ residents: z.array(Resident) }), 'Residents'),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const page = await residentsPage(deps.db, {
        allianceId: c.get('principal').allianceId,
        ...c.req.valid('query'),
      });
      return c.json({ residents: page.rows.map((r) => toResident(r.resident)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      operationId: 'updateResident',
      tags: ['directory'],
      summary: "Edit a resident's name, phone or household",
      description:
        "Joining a household moves the resident's own free points into the household's shared account (a `move` transfer); leaving one leaves the points with the household. Refused with 409 `vouchers_open` while the resident has a code open on the account that would move.",
      security: bearerSecurity,
      middleware: [staff] as const,
      request: { params: Id, body: jsonBody(ResidentChanges) },
      responses: {
        ...okJson(Resident.extend({ movedPoints: z.number().int() }), 'Updated'),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const updated = await updateResident(
        deps,
        c.get('principal'),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json({ ...toResident(updated.resident), movedPoints: updated.movedPoints }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/enrollment-code',
      operationId: 'issueResidentEnrollmentCode',
      tags: ['directory'],
      summary: "A new single-use enrollment code for a resident's (new) phone",
      security: bearerSecurity,
      middleware: [staff] as const,
      request: { params: Id },
      responses: { ...createdJson(EnrollmentSlip, 'Issued'), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const { slip } = await issueResidentCode(deps, c.get('principal'), c.req.valid('param').id);
      return c.json({ enrollmentCode: slip.code, expiresAt: slip.expiresAt.toISOString() }, 201);
    },
  );

  return app;
}

/** /v1/households moved to its own file with households as places (issue #16). */
export { householdRoutes } from './households.ts';
