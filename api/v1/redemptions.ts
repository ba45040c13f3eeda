/**
 * /v1/redemptions: a merchant's device sends signed records — one the moment it is made (the
 * shopkeeper waits for the answer), or a batch from its offline outbox — and may reverse a
 * capture made today. Every record gets one outcome (shared/api/merchant.ts's RecordResult).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { RecordResult, SyncRequest, SyncResponse } from '../../shared/api/merchant.ts';
import { RedemptionRecord } from '../../shared/redemption-record.ts';
import { answerRecords, reverseRecord } from '../application/redemptions.ts';
import { requireRole } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

export function redemptionRoutes(deps: RouteDeps) {
  const app = createRouter();
  const device = requireRole(deps, 'device');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'captureRedemption',
      tags: ['merchant device'],
      summary: 'Capture one signed redemption record now (online); a replay gets the first answer',
      security: bearerSecurity,
      middleware: [device] as const,
      request: { body: jsonBody(RedemptionRecord) },
      responses: { ...okJson(RecordResult, 'The record’s one outcome'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { results } = await answerRecords(deps, c.get('device'), [c.req.valid('json')], false);
      return c.json(results[0]!, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/sync',
      operationId: 'syncRedemptions',
      tags: ['merchant device'],
      summary:
        "A batch of signed records from the device's outbox: one outcome each (an unreadable one is bad_record and the rest go on), and the seqs still missing",
      security: bearerSecurity,
      middleware: [device] as const,
      request: { body: jsonBody(SyncRequest) },
      responses: { ...okJson(SyncResponse, 'Outcomes'), ...problemResponses(400, 401, 403, 413) },
    }),
    async (c) => c.json(await answerRecords(deps, c.get('device'), c.req.valid('json').records, true), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reverse',
      operationId: 'reverseRedemption',
      tags: ['merchant device'],
      summary: 'Undo a capture made today: the points go back to the resident',
      security: bearerSecurity,
      middleware: [device] as const,
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: {
        ...okJson(
          z.object({ id: z.string(), reversed: z.literal(true), points: z.number().int() }),
          'Reversed',
        ),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const reversed = await reverseRecord(deps, c.get('principal'), id);
      return c.json({ id, reversed: true as const, points: reversed.points }, 200);
    },
  );

  return app;
}
