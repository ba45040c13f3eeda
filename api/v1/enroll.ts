/** /v1/enroll: a resident's phone or a merchant's device presents the code from its slip. */
import { createRoute, z } from '@hono/zod-openapi';
import { Name } from '../../shared/text.ts';
import { enrollMerchantDevice, enrollPhone } from '../application/sessions.ts';
import type { RouteDeps } from '../http/deps.ts';
import { jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { SessionTokens } from './auth.ts';

const EnrollmentCode = z
  .string()
  .trim()
  .regex(/^[\d\s-]{12,20}$/, 'must be the 12-digit code from the enrollment slip');

const EnrollResidentRequest = z.strictObject({ code: EnrollmentCode });
const EnrollDeviceRequest = z.strictObject({
  code: EnrollmentCode,
  publicKey: z
    .string()
    .min(40)
    .max(64)
    .openapi({ description: 'Ed25519 public key, base64url (43 characters)' }),
  name: Name(60).optional().openapi({ description: 'A name the coordinator sees, e.g. "前台手机"' }),
});

export function enrollRoutes(deps: RouteDeps) {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/resident',
      operationId: 'enrollResident',
      tags: ['enrollment'],
      summary: "Enroll a resident's phone with the code from the community staff",
      security: [],
      request: { body: jsonBody(EnrollResidentRequest) },
      responses: { ...okJson(SessionTokens, 'Enrolled'), ...problemResponses(400, 429) },
    }),
    async (c) =>
      c.json(await enrollPhone(deps, { code: c.req.valid('json').code, ip: deps.clientIp(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/device',
      operationId: 'enrollDevice',
      tags: ['enrollment'],
      summary: "Enroll a merchant's device and register its Ed25519 public key",
      security: [],
      request: { body: jsonBody(EnrollDeviceRequest) },
      responses: {
        ...okJson(
          z
            .object({ deviceId: z.string(), merchantNumber: z.number().int(), tokens: SessionTokens })
            .openapi('DeviceEnrollment'),
          'Enrolled',
        ),
        ...problemResponses(400, 429),
      },
    }),
    async (c) =>
      c.json(await enrollMerchantDevice(deps, { ...c.req.valid('json'), ip: deps.clientIp(c) }), 200),
  );

  return app;
}
