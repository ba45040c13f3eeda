/** /v1/me: the resident's own balance and history, as their phone shows them. */
import { createRoute, z } from '@hono/zod-openapi';
import { CardList } from '../../shared/api/cards.ts';
import { ClaimList, DeductionList } from '../../shared/api/earning.ts';
import { HistoryResponse, MeResponse } from '../../shared/api/resident.ts';
import { cardView, myCards } from '../application/cards.ts';
import { myClaims, myDeductions } from '../application/earning.ts';
import { AppError } from '../errors.ts';
import { requireRole } from '../http/auth.ts';
import type { RouteDeps } from '../http/deps.ts';
import { bearerSecurity, okJson, problemResponses } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { accountBalances } from '../ledger/accounts.ts';
import { historyInWords, residentView } from '../ledger/queries.ts';

export function meRoutes(deps: RouteDeps) {
  const app = createRouter();
  const resident = requireRole(deps, 'resident');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'getMyBalance',
      tags: ['resident'],
      summary: "The resident's balance: all points owned, points held by open codes, available",
      security: bearerSecurity,
      middleware: [resident] as const,
      responses: { ...okJson(MeResponse, 'Balance'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const { allianceId, subjectId: residentId } = c.get('principal');
      const view = await residentView(deps.db, allianceId, residentId);
      if (!view) throw new AppError('resident_not_found');
      const balances = await accountBalances(deps.db, { allianceId, residentId });
      const { resident: r } = view;
      return c.json(
        {
          resident: {
            id: r.id,
            name: r.name,
            householdId: r.householdId,
            householdName: view.householdName ?? null,
            community: view.community ?? null,
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
      path: '/cards',
      operationId: 'listMyCards',
      tags: ['resident', 'cards'],
      summary:
        "The resident's own household cards, newest first: to set the PIN or report one lost from the app",
      security: bearerSecurity,
      middleware: [resident] as const,
      responses: { ...okJson(CardList, 'The cards'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ cards: (await myCards(deps, c.get('principal'))).map(cardView) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/history',
      operationId: 'getMyHistory',
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
      const { allianceId, subjectId: residentId } = c.get('principal');
      const { limit, before } = c.req.valid('query');
      const entries = await historyInWords(deps.db, {
        allianceId,
        residentId,
        limit,
        before: before ? new Date(before) : undefined,
      });
      return c.json(
        { entries: entries.map(({ ledgerKind: _, ...e }) => ({ ...e, at: e.at.toISOString() })) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/claims',
      operationId: 'getMyClaims',
      tags: ['resident'],
      summary:
        "The resident's claims, newest first, each with its state (待审核, 已通过 +N, 未通过 with the reason, 需补充材料)",
      security: bearerSecurity,
      middleware: [resident] as const,
      responses: { ...okJson(ClaimList, 'Claims'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ claims: await myClaims(deps, c.get('principal')) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/deductions',
      operationId: 'getMyDeductions',
      tags: ['resident'],
      summary:
        "Deductions against the resident or their household, newest first, with the appeal's state and deadline",
      security: bearerSecurity,
      middleware: [resident] as const,
      responses: { ...okJson(DeductionList, 'Deductions'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ deductions: await myDeductions(deps, c.get('principal')) }, 200),
  );

  return app;
}
