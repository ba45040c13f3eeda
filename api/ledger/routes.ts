/**
 * Ledger routes: grants by coordinators and staff (with Idempotency-Key), and a resident's own
 * balance and history. Thin: parse, authorise, call the ledger, answer.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { HistoryResponse, MeResponse } from '../../shared/api/resident.ts';
import { Name } from '../../shared/text.ts';
import { requireRole } from '../auth/middleware.ts';
import type { Queryable } from '../db/client.ts';
import {
  alliances,
  holds,
  households,
  merchants,
  offers,
  redemptions,
  residents,
  transfers,
} from '../db/schema/index.ts';
import { audit } from '../directory/audit.ts';
import { AppError } from '../errors.ts';
import type { RouteDeps } from '../http/deps.ts';
import { idempotent, requestHash, requireIdempotencyKey } from '../http/idempotency.ts';
import { bearerSecurity, createdJson, jsonBody, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { accountBalances, holderAccount } from './accounts.ts';
import { derivedId } from './ids.ts';
import { MAX_POINTS_PER_TRANSFER, mintPoints } from './mint.ts';

const GrantRequest = z.strictObject({
  residentId: z.string().uuid('must be the resident id (a UUID)'),
  points: z.number().int('must be a whole number').min(1).max(MAX_POINTS_PER_TRANSFER),
  reason: Name(200),
});
const GrantResponse = z
  .object({
    transferId: z.string(),
    residentId: z.string(),
    points: z.number().int(),
    balance: z.number().int(),
  })
  .openapi('Grant');

export async function residentView(db: Queryable, allianceId: string, residentId: string) {
  const [row] = await db
    .select({
      resident: residents,
      householdName: households.name,
      allianceName: alliances.name,
      timezone: alliances.timezone,
      defaultVoucherCap: alliances.defaultVoucherCap,
    })
    .from(residents)
    .innerJoin(alliances, eq(alliances.id, residents.allianceId))
    .leftJoin(households, eq(households.id, residents.householdId))
    .where(and(eq(residents.id, residentId), eq(residents.allianceId, allianceId)));
  return row;
}

/**
 * The holder's history in words: grants and corrections, captures (from a held voucher or late
 * from the free balance) with the merchant and offer, and reversals. A voucher's hold and its
 * release are not lines: showing a code spends nothing.
 */
async function historyEntries(
  db: Queryable,
  allianceId: string,
  residentId: string,
  limit: number,
  before?: Date,
) {
  const { accountId } = await holderAccount(db, allianceId, residentId);
  const ownHolds = db.select({ id: holds.id }).from(holds).where(eq(holds.accountId, accountId));
  const rows = await db
    .select({
      t: transfers,
      merchantName: merchants.name,
      offerTitleZh: offers.titleZh,
      offerTitleEn: offers.titleEn,
    })
    .from(transfers)
    .leftJoin(redemptions, eq(redemptions.id, transfers.recordId))
    .leftJoin(merchants, eq(merchants.id, redemptions.merchantId))
    .leftJoin(
      offers,
      and(eq(offers.merchantId, redemptions.merchantId), eq(offers.code, redemptions.offerId)),
    )
    .where(
      and(
        eq(transfers.allianceId, allianceId),
        before ? lt(transfers.createdAt, before) : undefined,
        or(
          and(
            inArray(transfers.kind, ['mint', 'adjust', 'move', 'reverse', 'capture']),
            or(eq(transfers.debitAccountId, accountId), eq(transfers.creditAccountId, accountId)),
          ),
          and(eq(transfers.kind, 'capture'), inArray(transfers.pendingId, ownHolds)),
        ),
      ),
    )
    .orderBy(desc(transfers.createdAt), desc(transfers.id))
    .limit(limit);
  return rows.map(({ t, merchantName, offerTitleZh, offerTitleEn }) => {
    const incoming = t.creditAccountId === accountId;
    const kind =
      t.kind === 'mint'
        ? 'earned'
        : t.kind === 'reverse'
          ? 'reversed'
          : t.kind === 'adjust' || t.kind === 'move'
            ? 'adjusted'
            : 'spent';
    return {
      id: t.id,
      at: t.createdAt.toISOString(),
      kind: kind as 'earned' | 'spent' | 'adjusted' | 'reversed',
      points: incoming ? t.amount : -t.amount,
      reason: t.reason,
      merchantName: merchantName ?? null,
      offerTitleZh: offerTitleZh ?? null,
      offerTitleEn: offerTitleEn ?? null,
    };
  });
}

export function ledgerRoutes(deps: RouteDeps) {
  const app = createRouter();
  const staff = requireRole(deps, 'coordinator', 'staff');
  const resident = requireRole(deps, 'resident');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/grants',
      tags: ['ledger'],
      summary: 'Grant points to a resident (or their household) for a good deed',
      description:
        'Needs an Idempotency-Key header: a retry with the same key and body gets the same answer and grants nothing more.',
      security: bearerSecurity,
      middleware: [staff] as const,
      request: {
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: jsonBody(GrantRequest),
      },
      responses: { ...createdJson(GrantResponse, 'Granted'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const key = requireIdempotencyKey(c.req.header('idempotency-key'));
      const body = c.req.valid('json');
      const answer = await idempotent(
        deps.db,
        principal,
        key,
        requestHash('POST', '/v1/grants', body),
        async (tx) => {
          const minted = await mintPoints(
            tx,
            {
              allianceId: principal.allianceId,
              residentId: body.residentId,
              points: body.points,
              reason: body.reason,
              actorId: principal.subjectId,
              idempotencyId: derivedId('grant', principal.subjectId, key),
            },
            deps.clock,
          );
          await audit(tx, principal, 'grant', body.residentId, { points: body.points, reason: body.reason });
          const { balance } = await accountBalances(tx, {
            allianceId: principal.allianceId,
            residentId: body.residentId,
          });
          return {
            status: 201,
            body: {
              transferId: minted.transferId,
              residentId: body.residentId,
              points: body.points,
              balance,
            },
          };
        },
      );
      return c.json(answer.body, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/me',
      tags: ['resident'],
      summary: "The resident's balance: all points owned, points held by open codes, available",
      security: bearerSecurity,
      middleware: [resident] as const,
      responses: { ...okJson(MeResponse, 'Balance'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const view = await residentView(deps.db, principal.allianceId, principal.subjectId);
      if (!view) throw new AppError('not_found', { detail: 'No such resident.' });
      const balances = await accountBalances(deps.db, {
        allianceId: principal.allianceId,
        residentId: principal.subjectId,
      });
      return c.json(
        {
          resident: {
            id: view.resident.id,
            name: view.resident.name,
            householdId: view.resident.householdId,
            householdName: view.householdName ?? null,
          },
          alliance: { name: view.allianceName, timezone: view.timezone },
          balance: balances.balance,
          held: balances.held,
          available: balances.available,
          defaultVoucherCap: Math.min(balances.available, view.defaultVoucherCap),
          serverTime: deps.clock.now().toISOString(),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/history',
      tags: ['resident'],
      summary: "The resident's (or household's) points history, newest first",
      security: bearerSecurity,
      middleware: [resident] as const,
      request: {
        query: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: z.iso.datetime({ message: 'must be an ISO-8601 time' }).optional(),
        }),
      },
      responses: { ...okJson(HistoryResponse, 'History'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { limit, before } = c.req.valid('query');
      const entries = await historyEntries(
        deps.db,
        principal.allianceId,
        principal.subjectId,
        limit,
        before ? new Date(before) : undefined,
      );
      return c.json({ entries }, 200);
    },
  );

  return app;
}
