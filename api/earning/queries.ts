/**
 * Claims as screens read them: a resident's own, newest first; the review queue, oldest first,
 * filtered by status, category or rule; one claim. Each with its rule version's words (with the
 * rule's code) and the resident's name. For the console: who approved a claim first, a few
 * residents' latest claims side by side, deductions with the names of who and by whom, and the
 * review figures of the dashboard. Read-only, scoped by alliance.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { rows as rawRows } from '../db/rows.ts';
import type { ClaimStatus } from '../db/schema/earning.ts';
import {
  claimDecisions,
  claims,
  deductions,
  households,
  residents,
  rules,
  ruleVersions,
  staffUsers,
} from '../db/schema/index.ts';

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

const inList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** Claims waiting for a reviewer (submitted, or awaiting a second approval), oldest first. */
export async function reviewQueue(
  db: Queryable,
  input: {
    allianceId: string;
    status?: string | undefined;
    category?: string | undefined;
    ruleCode?: string | undefined;
    /** Only residents whose household is in this community. */
    community?: string | undefined;
    /**
     * A reviewer's areas: residents whose household is placed (has a grid or a community) only
     * when that grid or community is one of them; residents not placed anywhere yet, everyone's.
     */
    areas?: readonly string[] | undefined;
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
        input.community
          ? sql`exists (select 1 from ${households} h where h.id = ${residents.householdId}
              and h.community = ${input.community})`
          : undefined,
        input.areas?.length
          ? sql`not exists (select 1 from ${households} h where h.id = ${residents.householdId}
              and (h.grid is not null or h.community is not null)
              and not (coalesce(h.grid in (${inList(input.areas)}), false)
                or coalesce(h.community in (${inList(input.areas)}), false)))`
          : undefined,
      ),
    )
    .orderBy(asc(claims.createdAt))
    .limit(input.limit);
  return rows.map(shape);
}

/** The approvals each claim has had so far, oldest first, with the reviewer's name. */
export async function approvalsOf(db: Queryable, claimIds: string[]) {
  if (claimIds.length === 0)
    return new Map<string, { reviewerId: string; reviewerName: string; points: number | null }[]>();
  const found = await db
    .select({
      claimId: claimDecisions.claimId,
      reviewerId: claimDecisions.reviewerId,
      reviewerName: staffUsers.name,
      points: claimDecisions.points,
    })
    .from(claimDecisions)
    .innerJoin(staffUsers, eq(staffUsers.id, claimDecisions.reviewerId))
    .where(and(inArray(claimDecisions.claimId, claimIds), eq(claimDecisions.decision, 'approve')))
    .orderBy(asc(claimDecisions.createdAt));
  const byClaim = new Map<string, { reviewerId: string; reviewerName: string; points: number | null }[]>();
  for (const { claimId, ...approval } of found)
    byClaim.set(claimId, [...(byClaim.get(claimId) ?? []), approval]);
  return byClaim;
}

/** Each resident's latest claims (at most `each`), newest first: what a reviewer sees beside a claim. */
export async function latestClaimsOf(
  db: Queryable,
  input: { allianceId: string; residentIds: string[]; each: number },
) {
  const ids = [...new Set(input.residentIds)];
  if (ids.length === 0) return new Map<string, ReturnType<typeof shape>[]>();
  const ranked = db
    .select({
      id: claims.id,
      n: sql<number>`row_number() over (partition by ${claims.residentId} order by ${claims.createdAt} desc)`.as(
        'n',
      ),
    })
    .from(claims)
    .where(and(eq(claims.allianceId, input.allianceId), inArray(claims.residentId, ids)))
    .as('ranked');
  const found = await select(db)
    .innerJoin(ranked, eq(ranked.id, claims.id))
    .where(sql`${ranked.n} <= ${input.each}`)
    .orderBy(desc(claims.createdAt));
  const byResident = new Map<string, ReturnType<typeof shape>[]>();
  for (const r of found) {
    const row = shape(r);
    byResident.set(row.claim.residentId, [...(byResident.get(row.claim.residentId) ?? []), row]);
  }
  return byResident;
}

/**
 * Deductions for the console, newest first (appeals waiting: oldest first), with the resident's
 * or household's name, the rule version's words, and who recorded and who decided the appeal.
 */
export async function deductionList(
  db: Queryable,
  input: {
    allianceId: string;
    residentId?: string | undefined;
    householdId?: string | undefined;
    appealed?: boolean;
    limit: number;
  },
) {
  const found = await db
    .select({
      deduction: deductions,
      residentName: residents.name,
      householdName: households.name,
      titleZh: ruleVersions.titleZh,
      titleEn: ruleVersions.titleEn,
      recordedBy: sql<string>`(select s.name from ${staffUsers} s where s.id = ${deductions.createdBy})`,
      decidedBy: sql<
        string | null
      >`(select s.name from ${staffUsers} s where s.id = ${deductions.appealDecidedBy})`,
    })
    .from(deductions)
    .innerJoin(ruleVersions, eq(ruleVersions.id, deductions.ruleVersionId))
    .leftJoin(residents, eq(residents.id, deductions.residentId))
    .leftJoin(households, eq(households.id, deductions.householdId))
    .where(
      and(
        eq(deductions.allianceId, input.allianceId),
        input.residentId ? eq(deductions.residentId, input.residentId) : undefined,
        input.householdId ? eq(deductions.householdId, input.householdId) : undefined,
        input.appealed ? eq(deductions.appeal, 'appealed') : undefined,
      ),
    )
    .orderBy(input.appealed ? asc(deductions.appealedAt) : desc(deductions.createdAt))
    .limit(input.limit);
  return found;
}

/**
 * The review figures of the dashboard: claims waiting for a reviewer, and the median time from
 * filing to the final decision (approved or refused) over the claims decided in the last 30 days.
 */
export async function reviewFigures(db: Queryable, allianceId: string, clock: Clock) {
  const monthAgo = new Date(clock.now().getTime() - 30 * 86_400_000).toISOString();
  const [f] = await rawRows<{
    waiting: string | number;
    decided: string | number;
    median: string | number | null;
  }>(
    db,
    sql`select
      (select count(*) from claims where alliance_id = ${allianceId}
        and status in ('submitted', 'awaiting_second')) as waiting,
      (select count(*) from claims where alliance_id = ${allianceId}
        and status in ('approved', 'refused') and decided_at >= ${monthAgo}::timestamptz) as decided,
      (select percentile_cont(0.5) within group (order by extract(epoch from decided_at - created_at))
        from claims where alliance_id = ${allianceId}
        and status in ('approved', 'refused') and decided_at >= ${monthAgo}::timestamptz) as median`,
  );
  return {
    waiting: Number(f?.waiting ?? 0),
    decidedIn30Days: Number(f?.decided ?? 0),
    /** Seconds; null when nothing was decided in 30 days. */
    medianSeconds: f?.median === null || f?.median === undefined ? null : Math.round(Number(f.median)),
  };
}
