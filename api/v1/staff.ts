/**
 * /v1/staff: the coordinator invites staff with an initial password and rights (reviewer,
 * inspector, organizer, cashier), optionally limited to communities or grids, and changes or
 * disables them (a disabled account is refused at once). Staff sign in at /v1/auth/login.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { StaffBody, StaffChanges } from '../application/inputs.ts';
import { changeStaff, inviteStaff, listStaff } from '../application/staff.ts';
import { requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const StaffView = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    role: z.enum(['coordinator', 'staff']),
    rights: z.array(z.string()),
    areas: z.array(z.string()),
    disabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Staff');

const toView = (s: Awaited<ReturnType<typeof listStaff>>[number]) => ({
  id: s.id,
  name: s.name,
  email: s.email,
  phone: s.phone,
  role: s.role,
  rights: s.rights,
  areas: s.areas,
  disabled: s.disabledAt !== null,
  createdAt: s.createdAt.toISOString(),
});

export function staffRoutes(deps: RouteDeps) {
  const app = createRouter();
  const coordinator = requireStaffRight(deps, 'staff');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listStaff',
      tags: ['directory'],
      summary: "The alliance's coordinator and staff, with their rights",
      security: bearerSecurity,
      middleware: [coordinator] as const,
      responses: {
        ...okJson(z.object({ staff: z.array(StaffView) }), 'Staff'),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => c.json({ staff: (await listStaff(deps, c.get('principal'))).map(toView) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'inviteStaff',
      tags: ['directory'],
      summary: 'Invite a staff member with an initial password and rights',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { body: jsonBody(StaffBody) },
      responses: { ...createdJson(StaffView, 'Invited'), ...problemResponses(400, 401, 403, 409) },
    }),
    async (c) => c.json(toView(await inviteStaff(deps, c.get('principal'), c.req.valid('json'))), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      operationId: 'changeStaff',
      tags: ['directory'],
      summary:
        'Change a staff member’s rights, areas, name, phone or password, or disable them (refused at once)',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: z.object({ id: z.string().uuid() }), body: jsonBody(StaffChanges) },
      responses: { ...okJson(StaffView, 'Changed'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(
        toView(await changeStaff(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json'))),
        200,
      ),
  );

  return app;
}
