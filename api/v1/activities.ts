/**
 * /v1/activities (活动, issue #17): organizers publish an activity under an earning rule, see its
 * sign-up list, add residents without a phone, show the check-in code that changes every 30
 * seconds (its URL opens the resident app at `/resident/#/checkin/<activityId>/<token>`), tick
 * attendees by hand and close it, which files each attendee's claim for review. Residents list
 * what is coming, sign up, cancel, and check in and out with the code they scanned.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  ActivityClosed,
  ActivityDetail,
  ActivityList,
  ActivityView,
  AttendanceView,
  CheckinCode,
  SignupView,
} from '../../shared/api/activities.ts';
import {
  activityDetail,
  attend,
  cancelOwnSignup,
  checkinCode,
  close,
  listActivities,
  publish,
  signUpFor,
} from '../application/activities.ts';
import { ActivityBody, ActivityCloseBody, AttendanceBody, SignupBody } from '../application/inputs.ts';
import { requireRole, requireStaffRight } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { originOf } from './households.ts';

const Id = z.object({ id: z.string().uuid('must be a UUID') });

export function activityRoutes(deps: RouteDeps) {
  const app = createRouter();
  const organizer = requireStaffRight(deps, 'organize');
  const anyone = requireRole(deps, 'resident', 'coordinator', 'staff');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'publishActivity',
      tags: ['activities'],
      summary:
        'Publish an activity under a fixed or per-hour rule that needs no photos (ISO times; sign-up closes at the start unless signupDeadline says earlier)',
      security: bearerSecurity,
      middleware: [organizer] as const,
      request: { body: jsonBody(ActivityBody) },
      responses: { ...createdJson(ActivityView, 'Published'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await publish(deps, c.get('principal'), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listActivities',
      tags: ['activities'],
      summary:
        'Activities: staff see all, newest first; a resident sees those not over yet open to their community, soonest first, with their own sign-up',
      security: bearerSecurity,
      middleware: [anyone] as const,
      responses: { ...okJson(ActivityList, 'Activities'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ activities: await listActivities(deps, c.get('principal')) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      operationId: 'getActivity',
      tags: ['activities'],
      summary: 'One activity; organizers also get its sign-up list with check-in and check-out times',
      security: bearerSecurity,
      middleware: [anyone] as const,
      request: { params: Id },
      responses: { ...okJson(ActivityDetail, 'The activity'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await activityDetail(deps, c.get('principal'), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/signups',
      operationId: 'signUpForActivity',
      tags: ['activities'],
      summary:
        'Sign up (报名): a place, or the waiting list when full; an organizer names residentId for a resident without a phone. Signing up again answers the sign-up there is.',
      security: bearerSecurity,
      middleware: [anyone] as const,
      request: { params: Id, body: jsonBody(SignupBody) },
      responses: {
        ...createdJson(SignupView, 'Signed up or waiting'),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(await signUpFor(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/signups/me',
      operationId: 'cancelActivitySignup',
      tags: ['activities'],
      summary: 'Cancel one’s own sign-up before the start; the first on the waiting list takes the place',
      security: bearerSecurity,
      middleware: [requireRole(deps, 'resident')] as const,
      request: { params: Id },
      responses: { 204: { description: 'Cancelled' }, ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      await cancelOwnSignup(deps, c.get('principal'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/checkin-code',
      operationId: 'activityCheckinCode',
      tags: ['activities'],
      summary:
        'The check-in (or check-out) code now: it changes every 30 seconds and is taken until expiresAt (under a minute); the QR holds url',
      security: bearerSecurity,
      middleware: [organizer] as const,
      request: { params: Id, query: z.object({ direction: z.enum(['in', 'out']).default('in') }) },
      responses: { ...okJson(CheckinCode, 'The code'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await checkinCode(
          deps,
          c.get('principal'),
          c.req.valid('param').id,
          c.req.valid('query').direction,
          originOf(deps, c),
        ),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/attendance',
      operationId: 'recordAttendance',
      tags: ['activities'],
      summary:
        'Check in or out: a resident sends the scanned {token}; an organizer ticks {residentId, direction} by hand. Checking in twice keeps the first time.',
      security: bearerSecurity,
      middleware: [anyone] as const,
      request: { params: Id, body: jsonBody(AttendanceBody) },
      responses: {
        ...okJson(AttendanceView, 'Recorded'),
        ...problemResponses(400, 401, 403, 404, 409, 410),
      },
    }),
    async (c) =>
      c.json(await attend(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/close',
      operationId: 'closeActivity',
      tags: ['activities'],
      summary:
        'Close the activity: one claim per attendee under its rule, filed by the closer, for review; hours from check-in and check-out unless attendees gives them. Closing again files nothing.',
      security: bearerSecurity,
      middleware: [organizer] as const,
      request: {
        params: Id,
        body: { content: { 'application/json': { schema: ActivityCloseBody } }, required: false },
      },
      responses: {
        ...okJson(ActivityClosed, 'The claims made'),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(await close(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json') ?? {}), 200),
  );

  return app;
}
