/**
 * /v1/staff: the coordinator invites staff by e-mail or phone with an initial password or a
 * one-time sign-in code, and rights (reviewer, inspector, organizer, cashier), optionally limited
 * to communities or grids, and changes or disables them (a disabled account is refused at once).
 * Staff sign in at /v1/auth/login, or first at /v1/auth/first-sign-in with the code.
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
    residentId: z.string().nullable().openapi({ description: 'Their own resident record, if any' }),
    signInCodeExpiresAt: z
      .string()
      .nullable()
      .openapi({ description: 'A one-time sign-in code is waiting to be used until then' }),
    disabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Staff');

const WithCode = StaffView.extend({
  signInCode: z.string().optional().openapi({
    description: 'The one-time sign-in code (8 digits), shown this once: hand it to the staff member',
  }),
}).openapi('StaffWithCode');

const toView = (s: Awaited<ReturnType<typeof listStaff>>[number]) => ({
  id: s.id,
  name: s.name,
  email: s.email,
  phone: s.phone,
  role: s.role,
  rights: s.rights,
  areas: s.areas,
  residentId: s.residentId,
  signInCodeExpiresAt: s.signInCodeExpiresAt?.toISOString() ?? null,
  disabled: s.disabledAt !== null,
  createdAt: s.createdAt.toISOString(),
});

const withCode = (r: { staff: Parameters<typeof toView>[0]; signInCode?: { code: string } | undefined }) => ({
  ...toView(r.staff),
  ...(r.signInCode ? { signInCode: r.signInCode.code } : {}),
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
      summary:
        'Invite a staff member (e-mail or phone) with an initial password, or without one to get a one-time sign-in code',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { body: jsonBody(StaffBody) },
      responses: { ...createdJson(WithCode, 'Invited'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(withCode(await inviteStaff(deps, c.get('principal'), c.req.valid('json'))), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      operationId: 'changeStaff',
      tags: ['directory'],
      summary:
        'Change a staff member’s rights, areas, name, phone, resident record or password, hand over a new one-time sign-in code, or disable them (refused at once)',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: z.object({ id: z.string().uuid() }), body: jsonBody(StaffChanges) },
      responses: { ...okJson(WithCode, 'Changed'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        withCode(await changeStaff(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json'))),
        200,
      ),
  );

  return app;
}
