/**
 * Claims (申报): a resident — or staff at the counter for a resident without a phone — asks for
 * points under a rule, for a day, with photos. Filing checks everything a reviewer should not
 * have to: the rule exists, may be claimed by this person and was in force that day; the day is
 * not in the future; hours only for per-hour rules (in half hours); photos when the rule wants
 * them; the rule's limits (per day, week, month, points a month). Limits are counted under the
 * resident's row lock, so two claims sent together cannot both slip under a limit.
 */
import { and, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import { formatDay, parseDay } from '../../shared/calendar.ts';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import type { ClaimStatus } from '../db/schema/earning.ts';
import { claimDecisions, claims, residents } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { attachEvidence } from './evidence.ts';
import { activeOn, type Rule, ruleByCode, ruleVersion } from './rules.ts';

export type Claim = typeof claims.$inferSelect;

export interface FileClaimInput {
  allianceId: string;
  residentId: string;
  ruleCode: string;
  occurredOn: string;
  hours?: number | undefined;
  note?: string | undefined;
  evidenceIds?: string[] | undefined;
  public?: boolean | undefined;
  /** Staff filing at the counter; undefined when the resident files it. */
  filedBy?: string | undefined;
  /** Who uploaded the photos: the resident, or the staff member filing. */
  uploaderId: string;
  /** A version of the rule to file under instead of the current one (an activity's, kept at publish). */
  ruleVersionId?: string | undefined;
}

/** The alliance's "today" is the caller's: a claim is never for a day after it. */
export async function fileClaim(tx: Tx, input: FileClaimInput, today: string, clock: Clock): Promise<Claim> {
  const pinned = input.ruleVersionId ? await ruleVersion(tx, input.ruleVersionId) : undefined;
  const rule =
    pinned && pinned.allianceId === input.allianceId && pinned.code === input.ruleCode
      ? pinned
      : await ruleByCode(tx, input.allianceId, input.ruleCode);
  if (!rule) throw new AppError('rule_not_found', { detail: `No rule has the code ${input.ruleCode}.` });
  if (rule.kind === 'deduction') {
    throw new AppError('rule_not_claimable', {
      detail: 'A deduction rule is recorded by staff, not claimed.',
    });
  }
  if (!rule.selfClaim && !input.filedBy) {
    throw new AppError('staff_only_rule', { detail: 'Only staff may file a claim under this rule.' });
  }
  if (!parseDay(input.occurredOn)) {
    throw new AppError('invalid_day', { detail: 'occurredOn must be a date like 2026-11-22.' });
  }
  if (input.occurredOn > today) {
    throw new AppError('future_day', { detail: `${input.occurredOn} is after today (${today}).` });
  }
  if (!activeOn(rule, input.occurredOn)) {
    throw new AppError('rule_inactive', { detail: `The rule was not in force on ${input.occurredOn}.` });
  }
  const halfHours = hoursOf(rule, input.hours);
  const photos = input.evidenceIds ?? [];
  if (rule.evidence === 'required' && photos.length === 0) {
    throw new AppError('evidence_required', { detail: 'This rule needs at least one photo.' });
  }
  if (rule.evidence === 'none' && photos.length > 0) {
    throw new AppError('evidence_not_allowed', { detail: 'This rule takes no photos.' });
  }
  const points = pointsOf(rule, halfHours);

  await lockResident(tx, input.allianceId, input.residentId);
  await checkLimits(tx, {
    rule,
    residentId: input.residentId,
    occurredOn: input.occurredOn,
    points,
    counting: 'open',
  });
  const now = clock.now();
  const [claim] = await tx
    .insert(claims)
    .values({
      allianceId: input.allianceId,
      residentId: input.residentId,
      ruleId: rule.ruleId,
      ruleVersionId: rule.id,
      occurredOn: input.occurredOn,
      halfHours,
      note: input.note?.trim() || null,
      public: input.public ?? false,
      points,
      filedBy: input.filedBy ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await attachEvidence(tx, {
    allianceId: input.allianceId,
    uploaderId: input.uploaderId,
    ids: photos,
    claimId: claim!.id,
  });
  return claim!;
}

/** Half-hour steps for a per-hour rule; no hours for any other. */
function hoursOf(rule: Rule, hours: number | undefined): number | null {
  if (rule.kind !== 'per_hour') {
    if (hours !== undefined)
      throw new AppError('hours_not_allowed', { detail: 'Only per-hour rules take hours.' });
    return null;
  }
  if (hours === undefined)
    throw new AppError('hours_required', { detail: 'Say how many hours (in half hours).' });
  const halves = hours * 2;
  if (!Number.isInteger(halves) || halves < 1 || halves > 48) {
    throw new AppError('hours_required', { detail: 'Hours go in steps of half an hour, from 0.5 to 24.' });
  }
  return halves;
}

/** The points a claim is for, when the rule fixes them (a range is the reviewer's pick). */
export function pointsOf(
  rule: Pick<Rule, 'kind' | 'points' | 'pointsPerHour'>,
  halfHours: number | null,
): number | null {
  if (rule.kind === 'fixed') return rule.points;
  if (rule.kind === 'per_hour') return Math.round(((rule.pointsPerHour ?? 0) * (halfHours ?? 0)) / 2);
  return null;
}

async function lockResident(tx: Tx, allianceId: string, residentId: string): Promise<void> {
  const [row] = await tx
    .select({ id: residents.id })
    .from(residents)
    .where(and(eq(residents.id, residentId), eq(residents.allianceId, allianceId)))
    .for('update');
  if (!row) throw new AppError('resident_not_found');
}

/** Monday and Sunday of the week a day falls in. */
function weekOf(day: string): { from: string; to: string } {
  const d = parseDay(day)!;
  const date = new Date(Date.UTC(d.year, d.month - 1, d.day));
  const monday = new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  const fmt = (x: Date) =>
    formatDay({ year: x.getUTCFullYear(), month: x.getUTCMonth() + 1, day: x.getUTCDate() });
  return { from: fmt(monday), to: fmt(sunday) };
}

/**
 * Refuses a claim the rule's limits do not allow. `open` counts every claim not refused (at
 * filing); `approved` counts only awarded ones and leaves out the claim being approved.
 */
export async function checkLimits(
  tx: Tx,
  input: {
    rule: Rule;
    residentId: string;
    occurredOn: string;
    points: number | null;
    counting: 'open' | 'approved';
    except?: string;
  },
): Promise<void> {
  const { limits } = input.rule;
  if (!limits.perDay && !limits.perWeek && !limits.perMonth && !limits.pointsPerMonth) return;
  const month = input.occurredOn.slice(0, 7);
  const week = weekOf(input.occurredOn);
  const statuses: ClaimStatus[] =
    input.counting === 'open' ? ['submitted', 'awaiting_second', 'approved', 'needs_more'] : ['approved'];
  const [row] = await tx
    .select({
      day: sql<number>`count(*) filter (where ${claims.occurredOn} = ${input.occurredOn})`,
      week: sql<number>`count(*) filter (where ${claims.occurredOn} between ${week.from} and ${week.to})`,
      month: sql<number>`count(*) filter (where left(${claims.occurredOn}, 7) = ${month})`,
      points: sql<number>`coalesce(sum(coalesce(${claims.awardedPoints}, ${claims.points}, 0)) filter (where left(${claims.occurredOn}, 7) = ${month}), 0)`,
    })
    .from(claims)
    .where(
      and(
        eq(claims.residentId, input.residentId),
        eq(claims.ruleId, input.rule.ruleId),
        inArray(claims.status, statuses),
        gte(claims.occurredOn, week.from < `${month}-01` ? week.from : `${month}-01`),
        lte(claims.occurredOn, week.to > `${month}-31` ? week.to : `${month}-31`),
        input.except ? ne(claims.id, input.except) : undefined,
      ),
    );
  const n = (v: unknown) => Number(v ?? 0);
  const over = (count: number, limit: number | undefined) => limit !== undefined && count + 1 > limit;
  const refuse = (which: string, limit: number) =>
    new AppError('limit_reached', {
      detail: `The rule allows ${limit} ${which}.`,
      details: { limit: which, allowed: limit },
    });
  if (over(n(row?.day), limits.perDay)) throw refuse('claims a day', limits.perDay!);
  if (over(n(row?.week), limits.perWeek)) throw refuse('claims a week', limits.perWeek!);
  if (over(n(row?.month), limits.perMonth)) throw refuse('claims a month', limits.perMonth!);
  if (limits.pointsPerMonth !== undefined && n(row?.points) + (input.points ?? 0) > limits.pointsPerMonth) {
    throw refuse('points a month', limits.pointsPerMonth);
  }
}

/** A resident adds what the reviewer asked for: the claim goes back to the queue. */
export async function addMaterial(
  tx: Tx,
  input: {
    allianceId: string;
    claimId: string;
    residentId: string;
    note?: string | undefined;
    evidenceIds?: string[] | undefined;
  },
  clock: Clock,
): Promise<Claim> {
  const [claim] = await tx
    .select()
    .from(claims)
    .where(and(eq(claims.id, input.claimId), eq(claims.allianceId, input.allianceId)))
    .for('update');
  if (!claim || claim.residentId !== input.residentId) throw new AppError('claim_not_found');
  if (claim.status !== 'needs_more') {
    throw new AppError('claim_not_waiting', {
      detail: 'Material can be added only when the reviewer asked for it.',
    });
  }
  if (!input.note?.trim() && !input.evidenceIds?.length) {
    throw new AppError('material_required', { detail: 'Add a note or a photo.' });
  }
  await attachEvidence(tx, {
    allianceId: input.allianceId,
    uploaderId: input.residentId,
    ids: input.evidenceIds ?? [],
    claimId: claim.id,
  });
  const note = [claim.note, input.note?.trim()].filter(Boolean).join('\n');
  const [updated] = await tx
    .update(claims)
    .set({ status: 'submitted', note: note || null, updatedAt: clock.now() })
    .where(eq(claims.id, claim.id))
    .returning();
  return updated!;
}

/** How many approvals each claim has so far, and the points they gave. */
export async function approvalCounts(
  db: Queryable,
  claimIds: string[],
): Promise<Map<string, { n: number; points: number | null }>> {
  if (claimIds.length === 0) return new Map();
  const rows = await db
    .select({
      claimId: claimDecisions.claimId,
      n: sql<number>`count(*)`,
      points: sql<number | null>`max(${claimDecisions.points})`,
    })
    .from(claimDecisions)
    .where(and(inArray(claimDecisions.claimId, claimIds), eq(claimDecisions.decision, 'approve')))
    .groupBy(claimDecisions.claimId);
  return new Map(
    rows.map((r) => [r.claimId, { n: Number(r.n), points: r.points === null ? null : Number(r.points) }]),
  );
}
