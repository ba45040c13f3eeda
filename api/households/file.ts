/**
 * Reads for the coordinator's console (issue #16): a household's file (一户一档) — the points that
 * moved on its shared account in words (grants, scoring, corrections, deductions, what was spent
 * at which shop), its members' claims and the deductions on it or its members — the scoring
 * months with what was closed, and the communities households are in. Read-only, scoped by
 * alliance.
 */
import { and, asc, desc, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import {
  claims,
  deductions,
  households,
  ledgerAccounts,
  residents,
  ruleVersions,
  scoringMonths,
} from '../db/schema/index.ts';
import { accountHistory } from '../ledger/queries.ts';

/** Every movement of the household's shared account, newest first (a code shown moves nothing). */
export async function householdAccountHistory(
  db: Queryable,
  input: { allianceId: string; householdId: string; limit: number },
) {
  const [account] = await db
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(
      and(
        eq(ledgerAccounts.allianceId, input.allianceId),
        eq(ledgerAccounts.kind, 'household'),
        eq(ledgerAccounts.ownerId, input.householdId),
      ),
    );
  if (!account) return [];
  return accountHistory(db, {
    allianceId: input.allianceId,
    accountId: account.id,
    limit: input.limit,
    wordedKinds: ['mint', 'deduct', 'restore', 'adjust'],
  });
}

/** The points spent at each shop, from a history: captures less what a shop undid. */
export function spentByMerchant(history: Awaited<ReturnType<typeof householdAccountHistory>>) {
  const by = new Map<string, { merchantName: string; points: number; times: number }>();
  for (const h of history) {
    if (!h.merchantName || (h.ledgerKind !== 'capture' && h.ledgerKind !== 'reverse')) continue;
    const entry = by.get(h.merchantName) ?? { merchantName: h.merchantName, points: 0, times: 0 };
    entry.points += -h.points;
    if (h.ledgerKind === 'capture') entry.times += 1;
    by.set(h.merchantName, entry);
  }
  return [...by.values()].filter((m) => m.points !== 0).sort((a, b) => b.points - a.points);
}

/** The claims of the household's members now, newest first, with the rule's words. */
export function memberClaims(
  db: Queryable,
  input: { allianceId: string; householdId: string; limit: number },
) {
  return db
    .select({
      id: claims.id,
      occurredOn: claims.occurredOn,
      status: claims.status,
      points: claims.points,
      awardedPoints: claims.awardedPoints,
      reason: claims.reason,
      residentName: residents.name,
      titleZh: ruleVersions.titleZh,
      titleEn: ruleVersions.titleEn,
    })
    .from(claims)
    .innerJoin(residents, eq(residents.id, claims.residentId))
    .innerJoin(ruleVersions, eq(ruleVersions.id, claims.ruleVersionId))
    .where(and(eq(claims.allianceId, input.allianceId), eq(residents.householdId, input.householdId)))
    .orderBy(desc(claims.occurredOn), desc(claims.createdAt))
    .limit(input.limit);
}

/** Deductions on the household or on its members now, newest first, with the rule's words. */
export function householdDeductions(
  db: Queryable,
  input: { allianceId: string; householdId: string; limit: number },
) {
  return db
    .select({
      id: deductions.id,
      at: deductions.createdAt,
      points: deductions.points,
      takenPoints: deductions.takenPoints,
      note: deductions.note,
      appeal: deductions.appeal,
      appealReason: deductions.appealReason,
      residentName: residents.name,
      titleZh: ruleVersions.titleZh,
      titleEn: ruleVersions.titleEn,
    })
    .from(deductions)
    .innerJoin(ruleVersions, eq(ruleVersions.id, deductions.ruleVersionId))
    .leftJoin(residents, eq(residents.id, deductions.residentId))
    .where(
      and(
        eq(deductions.allianceId, input.allianceId),
        or(eq(deductions.householdId, input.householdId), eq(residents.householdId, input.householdId)),
      ),
    )
    .orderBy(desc(deductions.createdAt))
    .limit(input.limit);
}

/** The scoring months the alliance has touched (checked or closed), newest first. */
export function scoringMonthsOf(db: Queryable, allianceId: string) {
  return db
    .select({
      month: scoringMonths.month,
      communities: scoringMonths.communities,
      closedAt: scoringMonths.closedAt,
      sheets: sql<number>`(select count(*) from scoring_sheets s where s.alliance_id = ${scoringMonths.allianceId} and s.month = ${scoringMonths.month})`,
    })
    .from(scoringMonths)
    .where(eq(scoringMonths.allianceId, allianceId))
    .orderBy(desc(scoringMonths.month));
}

/** The communities households are in, by name. */
export async function communitiesOf(db: Queryable, allianceId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ community: households.community })
    .from(households)
    .where(and(eq(households.allianceId, allianceId), isNotNull(households.community)))
    .orderBy(asc(households.community));
  return rows.map((r) => r.community!);
}
