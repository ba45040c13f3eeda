/** Sign-in, token refresh, sign-out, and enrollment of residents' phones and merchants' devices. */
import { createRoute, z } from '@hono/zod-openapi';
import { Name, Text } from '../../shared/text.ts';
import { enrollDevice, enrollResident } from '../directory/enroll.ts';
import type { RouteDeps } from '../http/deps.ts';
import { jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { signInStaff } from './login.ts';
import { issueSession, refreshSession, revokeSessionFamily } from './sessions.ts';
import { consumeAttempt, ENROLL_RULE } from './throttle.ts';

export const SessionTokens = z
  .object({
    accessToken: z.string().openapi({ description: 'EdDSA JWT, valid 15 minutes' }),
    refreshToken: z.string().openapi({ description: 'Opaque; rotates on every refresh' }),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().openapi({ description: 'Seconds until the access token expires' }),
  })
  .openapi('SessionTokens');

const LoginRequest = z.strictObject({
  email: Name(254),
  password: Text(1024).min(1),
});
const RefreshRequest = z.strictObject({ refreshToken: z.string().min(10).max(200) });
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

export function authRoutes(deps: RouteDeps) {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/login',
      tags: ['auth'],
      summary: 'Coordinator or staff sign-in',
      request: { body: jsonBody(LoginRequest) },
      responses: { ...okJson(SessionTokens, 'Signed in'), ...problemResponses(400, 401, 429) },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const principal = await signInStaff(deps.db, { email, password, ip: deps.clientIp(c) }, deps.clock);
      return c.json(await issueSession(deps.db, deps.tokenKeys, principal, deps.clock), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/refresh',
      tags: ['auth'],
      summary: 'Exchange a refresh token for new tokens (the old one stops working)',
      request: { body: jsonBody(RefreshRequest) },
      responses: { ...okJson(SessionTokens, 'New tokens'), ...problemResponses(400, 401) },
    }),
    async (c) => {
      const { refreshToken } = c.req.valid('json');
      return c.json(await refreshSession(deps.db, deps.tokenKeys, refreshToken, deps.clock), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/logout',
      tags: ['auth'],
      summary: 'Sign out on this phone: the refresh token and its family stop working',
      request: { body: jsonBody(RefreshRequest) },
      responses: { 204: { description: 'Signed out' }, ...problemResponses(400) },
    }),
    async (c) => {
      await revokeSessionFamily(deps.db, c.req.valid('json').refreshToken, deps.clock);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/enroll/resident',
      tags: ['enrollment'],
      summary: "Enroll a resident's phone with the code from the community staff",
      request: { body: jsonBody(EnrollResidentRequest) },
      responses: { ...okJson(SessionTokens, 'Enrolled'), ...problemResponses(400, 429) },
    }),
    async (c) => {
      await consumeAttempt(deps.db, [`enroll:ip:${deps.clientIp(c)}`], ENROLL_RULE, deps.clock);
      const { code } = c.req.valid('json');
      const tokens = await deps.db.transaction(async (tx) => {
        const principal = await enrollResident(tx, { code, codeKey: deps.codeKey }, deps.clock);
        return issueSession(tx, deps.tokenKeys, principal, deps.clock);
      });
      return c.json(tokens, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/enroll/device',
      tags: ['enrollment'],
      summary: "Enroll a merchant's device and register its Ed25519 public key",
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
    async (c) => {
      await consumeAttempt(deps.db, [`enroll:ip:${deps.clientIp(c)}`], ENROLL_RULE, deps.clock);
      const body = c.req.valid('json');
      const result = await deps.db.transaction(async (tx) => {
        const enrolled = await enrollDevice(tx, { ...body, codeKey: deps.codeKey }, deps.clock);
        const tokens = await issueSession(tx, deps.tokenKeys, enrolled.principal, deps.clock);
        return { deviceId: enrolled.deviceId, merchantNumber: enrolled.merchantNumber, tokens };
      });
      return c.json(result, 200);
    },
  );

  return app;
}
