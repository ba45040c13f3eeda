/** Directory routes: residents, households, merchants, offers, devices and POS keys. */
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, ilike, or } from 'drizzle-orm';
import { Name as PersonName, Text } from '../../shared/text.ts';
import { requireRole } from '../auth/middleware.ts';
import { createPosKey, revokePosKey } from '../auth/pos-keys.ts';
import { revokeSessions } from '../auth/sessions.ts';
import { merchants, residents } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { audit } from './audit.ts';
import {
  addOffer,
  createHousehold,
  createMerchant,
  createResident,
  findMerchant,
  findResident,
  issueDeviceEnrollment,
  merchantOffers,
  notFound,
  revokeDevice,
  updateMerchant,
  updateResident,
} from './directory.ts';
import { issueEnrollmentCode } from './enrollment.ts';
import { Offer, OfferInput, toOffer } from './offers.ts';

const Id = z.object({ id: z.string().uuid('must be a UUID') });

const Name = PersonName(60);
const Phone = z
  .string()
  .trim()
  .regex(/^\+?[\d -]{5,20}$/, 'must be a phone number');
const Address = Text(120).transform((s) => s.trim());

const Resident = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    phone: z.string().nullable(),
    householdId: z.string().uuid().nullable(),
    createdAt: z.string(),
  })
  .openapi('Resident');
const Merchant = z
  .object({
    id: z.string().uuid(),
    number: z.number().int().openapi({ description: "Public u32 used in vouchers' merchantScope" }),
    name: z.string(),
    address: z.string().nullable(),
    offlineMaxPointsPerCapture: z.number().int(),
    offlineMaxPointsPerDeviceDay: z.number().int(),
    offers: z.array(Offer),
  })
  .openapi('Merchant');
const EnrollmentSlip = z
  .object({ enrollmentCode: z.string(), expiresAt: z.string() })
  .openapi('EnrollmentSlip', { description: 'Show as text and as a QR; single use' });

const toResident = (r: typeof residents.$inferSelect) => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  householdId: r.householdId,
  createdAt: r.createdAt.toISOString(),
});

export function directoryRoutes(deps: RouteDeps) {
  const app = createRouter();
  const staff = requireRole(deps, 'coordinator', 'staff');
  const coordinator = requireRole(deps, 'coordinator');
  const anyPerson = requireRole(deps, 'coordinator', 'staff', 'resident');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/residents',
      tags: ['directory'],
      summary: 'Register a resident; returns a single-use enrollment code for their phone',
      security: bearerSecurity,
      middleware: [staff] as const,
      request: {
        body: jsonBody(
          z.strictObject({ name: Name, phone: Phone.optional(), householdId: z.string().uuid().optional() }),
        ),
      },
      responses: {
        ...createdJson(
          Resident.extend({ enrollmentCode: z.string(), enrollmentCodeExpiresAt: z.string() }),
          'Created',
        ),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const result = await deps.db.transaction((tx) =>
        createResident(tx, c.get('principal'), c.req.valid('json'), deps.codeKey, deps.clock),
      );
      return c.json(
        {
          ...toResident(result.resident),
          enrollmentCode: result.enrollmentCode,
          enrollmentCodeExpiresAt: result.enrollmentCodeExpiresAt.toISOString(),
        },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/residents',
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
      const { q, limit, offset } = c.req.valid('query');
      const scope = eq(residents.allianceId, c.get('principal').allianceId);
      // Searched as typed: % and _ are literal characters, not wildcards.
      const pattern = q ? `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : '';
      const rows = await deps.db
        .select()
        .from(residents)
        .where(q ? and(scope, or(ilike(residents.name, pattern), ilike(residents.phone, pattern))) : scope)
        .orderBy(asc(residents.name), asc(residents.id))
        .limit(limit)
        .offset(offset);
      return c.json({ residents: rows.map(toResident) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/residents/{id}',
      tags: ['directory'],
      summary: "Edit a resident's name, phone or household",
      description:
        "Joining a household moves the resident's own free points into the household's shared account (a `move` transfer); leaving one leaves the points with the household. Refused with 409 `vouchers_open` while the resident has a code open on the account that would move.",
      security: bearerSecurity,
      middleware: [staff] as const,
      request: {
        params: Id,
        body: jsonBody(
          z.strictObject({
            name: Name.optional(),
            phone: Phone.nullable().optional(),
            householdId: z.string().uuid().nullable().optional(),
          }),
        ),
      },
      responses: {
        ...okJson(Resident.extend({ movedPoints: z.number().int() }), 'Updated'),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const result = await updateResident(deps.db, c.get('principal'), id, c.req.valid('json'), deps.clock);
      return c.json({ ...toResident(result.resident), movedPoints: result.movedPoints }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/residents/{id}/enrollment-code',
      tags: ['directory'],
      summary: 'Issue a new enrollment code for a resident (new phone, lost slip)',
      security: bearerSecurity,
      middleware: [staff] as const,
      request: { params: Id },
      responses: { ...createdJson(EnrollmentSlip, 'Issued'), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const resident = await findResident(deps.db, principal.allianceId, c.req.valid('param').id);
      if (!resident) throw notFound('resident');
      const issued = await deps.db.transaction(async (tx) => {
        const slip = await issueEnrollmentCode(
          tx,
          {
            allianceId: principal.allianceId,
            kind: 'resident',
            subjectId: resident.id,
            ttlSeconds: 7 * 24 * 3600,
            codeKey: deps.codeKey,
          },
          deps.clock,
        );
        await audit(tx, principal, 'resident.enrollment_code', resident.id);
        return slip;
      });
      return c.json({ enrollmentCode: issued.code, expiresAt: issued.expiresAt.toISOString() }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/households',
      tags: ['directory'],
      summary: 'Create a household (一户一档): its members earn into and spend from one account',
      security: bearerSecurity,
      middleware: [staff] as const,
      request: { body: jsonBody(z.strictObject({ name: Name })) },
      responses: {
        ...createdJson(z.object({ id: z.string().uuid(), name: z.string() }), 'Created'),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const row = await deps.db.transaction((tx) =>
        createHousehold(tx, c.get('principal'), c.req.valid('json')),
      );
      return c.json({ id: row.id, name: row.name }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/merchants',
      tags: ['directory'],
      summary: 'Register a partner merchant with its offers; returns its public number',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: {
        body: jsonBody(
          z.strictObject({
            name: Name,
            address: Address.optional(),
            offers: z.array(OfferInput).max(50).optional(),
          }),
        ),
      },
      responses: {
        ...createdJson(z.object({ id: z.string().uuid(), number: z.number().int() }), 'Created'),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const codes = (input.offers ?? []).map((o) => o.code);
      if (new Set(codes).size !== codes.length) {
        throw new AppError('offer_code_taken', {
          detail: 'Two offers share one code. Give each its own code.',
        });
      }
      const row = await deps.db.transaction((tx) => createMerchant(tx, c.get('principal'), input));
      return c.json({ id: row.id, number: row.number }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/merchants/{id}',
      tags: ['directory'],
      summary: "Edit a merchant's name or address (its number never changes)",
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: {
        params: Id,
        body: jsonBody(
          z.strictObject({
            name: Name.optional(),
            address: Address.nullable().optional(),
          }),
        ),
      },
      responses: {
        ...okJson(z.object({ id: z.string().uuid(), number: z.number().int(), name: z.string() }), 'Updated'),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const row = await updateMerchant(deps.db, c.get('principal'), id, c.req.valid('json'));
      return c.json({ id: row.id, number: row.number, name: row.name }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/merchants',
      tags: ['directory'],
      summary: 'Partner merchants with their active offers (residents see this list too)',
      security: bearerSecurity,
      middleware: [anyPerson] as const,
      responses: {
        ...okJson(z.object({ merchants: z.array(Merchant) }), 'Merchants'),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const rows = await deps.db
        .select()
        .from(merchants)
        .where(eq(merchants.allianceId, c.get('principal').allianceId))
        .orderBy(asc(merchants.number));
      const list = await Promise.all(
        rows.map(async (m) => ({
          id: m.id,
          number: m.number,
          name: m.name,
          address: m.address,
          offlineMaxPointsPerCapture: m.offlineMaxPointsPerCapture,
          offlineMaxPointsPerDeviceDay: m.offlineMaxPointsPerDeviceDay,
          offers: (await merchantOffers(deps.db, m.id)).map(toOffer),
        })),
      );
      return c.json({ merchants: list }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/merchants/{id}/offers',
      tags: ['directory'],
      summary: 'Add an offer to a merchant',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: Id, body: jsonBody(OfferInput) },
      responses: { ...createdJson(Offer, 'Created'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const merchant = await findMerchant(deps.db, principal.allianceId, c.req.valid('param').id);
      if (!merchant) throw notFound('merchant');
      const row = await deps.db.transaction((tx) =>
        addOffer(tx, principal, merchant.id, c.req.valid('json')),
      );
      return c.json(toOffer(row), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/merchants/{id}/devices',
      tags: ['directory'],
      summary: "Issue a single-use enrollment code for one of the merchant's devices",
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: Id },
      responses: { ...createdJson(EnrollmentSlip, 'Issued'), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const merchant = await findMerchant(deps.db, principal.allianceId, c.req.valid('param').id);
      if (!merchant) throw notFound('merchant');
      const issued = await deps.db.transaction((tx) =>
        issueDeviceEnrollment(tx, principal, merchant.id, deps.codeKey, deps.clock),
      );
      return c.json({ enrollmentCode: issued.code, expiresAt: issued.expiresAt.toISOString() }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/devices/{deviceId}/revoke',
      tags: ['directory'],
      summary: 'Revoke a device: its tokens stop working at once and its records are refused',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: {
        params: z.object({
          deviceId: z.string().regex(/^dev_[0-9a-f]{12}$/, 'must be a device id like dev_0123456789ab'),
        }),
      },
      responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const { deviceId } = c.req.valid('param');
      await deps.db.transaction(async (tx) => {
        await revokeDevice(tx, c.get('principal'), deviceId, deps.clock);
        await revokeSessions(tx, deviceId, deps.clock);
      });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/merchants/{id}/pos-keys',
      tags: ['directory'],
      summary: "Create a POS API key for a merchant's till system; the key is shown only in this answer",
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: Id },
      responses: {
        ...createdJson(
          z.object({ id: z.string().uuid(), key: z.string(), prefix: z.string() }).openapi('PosKey'),
          'Created',
        ),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const merchant = await findMerchant(deps.db, principal.allianceId, c.req.valid('param').id);
      if (!merchant) throw notFound('merchant');
      const created = await deps.db.transaction(async (tx) => {
        const key = await createPosKey(tx, { allianceId: principal.allianceId, merchantId: merchant.id });
        await audit(tx, principal, 'pos_key.create', key.id, { merchantId: merchant.id, prefix: key.prefix });
        return key;
      });
      return c.json(created, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/merchants/{id}/pos-keys/{keyId}/revoke',
      tags: ['directory'],
      summary: 'Revoke a POS API key',
      security: bearerSecurity,
      middleware: [coordinator] as const,
      request: { params: Id.extend({ keyId: z.string().uuid() }) },
      responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { id, keyId } = c.req.valid('param');
      const merchant = await findMerchant(deps.db, principal.allianceId, id);
      if (!merchant) throw notFound('merchant');
      const revoked = await deps.db.transaction(async (tx) => {
        const done = await revokePosKey(tx, { id: keyId, merchantId: merchant.id }, deps.clock);
        if (done) await audit(tx, principal, 'pos_key.revoke', keyId);
        return done;
      });
      if (!revoked) throw notFound('POS key');
      return c.body(null, 204);
    },
  );

  return app;
}
