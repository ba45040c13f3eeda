/**
 * Claims as screens read them: a resident's own, newest first; the review queue, oldest first,
 * filtered by status, category or rule; one claim. Each with its rule version's words (with the
 * rule's code) and the resident's name. Read-only, scoped by alliance.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import type { ClaimStatus } from '../db/schema/earning.ts';
import { claims, residents, rules, ruleVersions } from '../db/schema/index.ts';

const select = (db: Queryable) =>
  db
    .select({ claim: claims, version: ruleVersions, code: rules.code, residentName: residents.name })
    .from(claims)
    .innerJoin(ruleVersions, eq(ruleVersions.id, claims.ruleVersionId))
    .innerJoin(rules, eq(rules.id, claims.ruleId))
    .innerJoin(residents, eq(residents.id, claims.residentId));

type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

const shape = (r: Row) => ({
  claim: r.claim,
  rule: { ...r.version, code: r.code, allianceId: r.claim.allianceId },
  residentName: r.residentName,
});

export async function claimsOf(
  db: Queryable,
  input: { allianceId: string; residentId?: string; claimId?: string; limit: number },
) {
  const rows = await select(db)
    .where(
      and(
        eq(claims.allianceId, input.allianceId),
        input.residentId ? eq(claims.residentId, input.residentId) : undefined,
        input.claimId ? eq(claims.id, input.claimId) : undefined,
      ),
    )
    .orderBy(desc(claims.createdAt))
    .limit(input.limit);
  return rows.map(shape);
}

/** Claims waiting for a reviewer (submitted, or awaiting a second approval), oldest first. */
export async function reviewQueue(
  db: Queryable,
  input: {
    allianceId: string;
    status?: string | undefined;
    category?: string | undefined;
    ruleCode?: string | undefined;
    limit: number;
  },
) {
  const statuses: ClaimStatus[] =
    input.status === 'submitted' || input.status === 'awaiting_second' || input.status === 'needs_more'
      ? [input.status]
      : ['submitted', 'awaiting_second'];
  const rows = await select(db)
    .where(
      and(
        eq(claims.allianceId, input.allianceId),
        inArray(claims.status, statuses),
        input.category ? eq(ruleVersions.category, input.category) : undefined,
        input.ruleCode ? eq(rules.code, input.ruleCode) : undefined,
      ),
    )
    .orderBy(asc(claims.createdAt))
    .limit(input.limit);
  return rows.map(shape);
}
