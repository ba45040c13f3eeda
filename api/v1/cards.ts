/**
 * Household cards (issue #19, docs/cards.md): /v1/cards (PIN, lost, unlock), a resident's cards
 * under /v1/residents/{id}/cards, and a shop's online capture with card + PIN under
 * /v1/merchant/card-captures (device) and /v1/pos/card-captures (POS, Idempotency-Key).
 * Each router is mounted beside its prefix's main router in app.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  CardCaptureResponse,
  CardList,
  CardView,
  DeviceCardCaptureRequest,
  IssuedCard,
  PinRequest,
  PosCardCaptureRequest,
} from '../../shared/api/cards.ts';
import {
  captureByDevice,
  captureByPos,
  cardView,
  issueResidentCard,
  reportCardLost,
  residentCards,
  setCardPin,
  unlockResidentCard,
} from '../application/cards.ts';
import { requireIdempotencyKey } from '../application/idempotency.ts';
import { requireRole, requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const Id = z.object({ id: z.string().uuid('must be a UUID') });
const CardViewDoc = CardView;
const CaptureDoc = CardCaptureResponse;

/** /v1/residents/{id}/cards */
export function residentCardRoutes(deps: RouteDeps) {
  const app = createRouter();
  const staff = requireStaffRight(deps, 'residents');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/cards',
      operationId: 'issueResidentCard',
      tags: ['cards'],
      summary:
        'Issue a household card for a resident (replaces their active card): its id, number and QR digits',
      security: bearerSecurity,
      middleware: [staff] as const,
      request: { params: Id },
      responses: { ...createdJson(IssuedCard, 'Issued'), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const { card, text } = await issueResidentCard(deps, c.get('principal'), c.req.valid('param').id);
      return c.json({ id: card.id, number: card.number, text }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/cards',
      operationId: 'listResidentCards',
      tags: ['cards'],
      summary: "A resident's cards, newest first (active, lost, replaced; locked or not)",
      security: bearerSecurity,
      middleware: [staff] as const,
      request: { params: Id },
      responses: { ...okJson(CardList, 'Cards'), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const cards = await residentCards(deps, c.get('principal'), c.req.valid('param').id);
      return c.json({ cards: cards.map(cardView) }, 200);
    },
  );

  return app;
}

/** /v1/cards */
export function cardRoutes(deps: RouteDeps) {
  const app = createRouter();
  const staffOrHolder = requireRole(deps, 'coordinator', 'staff', 'resident');
  const staff = requireStaffRight(deps, 'residents');

  app.openapi(
    createRoute({
      method: 'put',
      path: '/{id}/pin',
      operationId: 'setCardPin',
      tags: ['cards'],
      summary:
        "Set the card's 6-digit PIN: staff at the counter's keypad page, or the holder in their own app",
      security: bearerSecurity,
      middleware: [staffOrHolder] as const,
      request: { params: Id, body: jsonBody(PinRequest) },
      responses: { ...okJson(CardViewDoc, 'PIN set'), ...problemResponses(400, 401, 403, 404, 410) },
    }),
    async (c) =>
      c.json(
        await setCardPin(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json').pin),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/lost',
      operationId: 'reportCardLost',
      tags: ['cards'],
      summary: 'Report the card lost: refused online at once, offline from each device’s next sync',
      security: bearerSecurity,
      middleware: [staffOrHolder] as const,
      request: { params: Id },
      responses: { ...okJson(CardViewDoc, 'Reported lost'), ...problemResponses(401, 403, 404, 410) },
    }),
    async (c) => c.json(await reportCardLost(deps, c.get('principal'), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/unlock',
      operationId: 'unlockCard',
      tags: ['cards'],
      summary: 'Unlock a card locked by five wrong PINs (staff)',
      security: bearerSecurity,
      middleware: [staff] as const,
      request: { params: Id },
      responses: { ...okJson(CardViewDoc, 'Unlocked'), ...problemResponses(401, 403, 404, 410) },
    }),
    async (c) => c.json(await unlockResidentCard(deps, c.get('principal'), c.req.valid('param').id), 200),
  );

  return app;
}

const CAPTURE_PROBLEMS = [400, 401, 403, 404, 409, 410, 422, 423] as const;

/** /v1/merchant/card-captures */
export function merchantCardRoutes(deps: RouteDeps) {
  const app = createRouter();
  const device = requireRole(deps, 'device');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/card-captures',
      operationId: 'captureWithCardOnDevice',
      tags: ['merchant device', 'cards'],
      summary:
        'Capture points with a household card and its PIN, online, from the holder’s free balance; answers the balance left. `id` (the record id) makes a retry safe',
      security: bearerSecurity,
      middleware: [device] as const,
      request: { body: jsonBody(DeviceCardCaptureRequest) },
      responses: {
        ...okJson(CaptureDoc, 'The capture’s one outcome'),
        ...problemResponses(...CAPTURE_PROBLEMS),
      },
    }),
    async (c) =>
      c.json(await captureByDevice(deps, c.get('device'), c.get('principal'), c.req.valid('json')), 200),
  );

  return app;
}

/** /v1/pos/card-captures */
export function posCardRoutes(deps: RouteDeps) {
  const app = createRouter();
  const pos = requireRole(deps, 'pos');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/card-captures',
      operationId: 'captureWithCardAtPos',
      tags: ['POS', 'cards'],
      summary:
        'Capture points with a household card and its PIN. Needs an Idempotency-Key: a retry gets the stored answer',
      security: bearerSecurity,
      middleware: [pos] as const,
      request: {
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: jsonBody(PosCardCaptureRequest),
      },
      responses: {
        ...okJson(CaptureDoc, 'The capture’s one outcome'),
        ...problemResponses(...CAPTURE_PROBLEMS),
      },
    }),
    async (c) => {
      const key = requireIdempotencyKey(c.req.header('idempotency-key'));
      return c.json(await captureByPos(deps, c.get('principal'), c.req.valid('json'), key), 200);
    },
  );

  return app;
}
