/**
 * Activities (活动): an organizer publishes one under an earning rule — fixed or per hour, with
 * photos not required, since closing the activity files its attendees' claims with none — and
 * the rule's version at publish is kept with it. Reads for the organizer's and the residents'
 * lists are here too. Instants are UTC; the alliance's calendar decides the claims' day.
 */
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { activities, activitySignups } from '../db/schema/index.ts';
import { ruleByCode } from '../earning/rules.ts';
import { AppError } from '../errors.ts';

export type Activity = typeof activities.$inferSelect;

export interface PublishInput {
  title: string;
  ruleCode: string;
  place: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  waitlist?: number | undefined;
  signupDeadline?: string | undefined;
  communities?: string[] | undefined;
  team?: string | undefined;
}

/** The longest an activity may run: a day. */
const MAX_LENGTH_MS = 24 * 3_600_000;

export async function publishActivity(
  tx: Tx,
  allianceId: string,
  organizerId: string,
  input: PublishInput,
  clock: Clock,
): Promise<Activity> {
  const rule = await ruleByCode(tx, allianceId, input.ruleCode);
  if (!rule) throw new AppError('rule_not_found', { detail: `No rule has the code ${input.ruleCode}.` });
  if (rule.kind !== 'fixed' && rule.kind !== 'per_hour') {
    throw new AppError('activity_rule_not_usable', {
      detail: `An activity's rule gives fixed points or points per hour; ${rule.code} is ${rule.kind}.`,
    });
  }
  if (rule.evidence === 'required') {
    throw new AppError('activity_rule_not_usable', {
      detail: `${rule.code} requires photos, but an activity's claims are filed at close with none.`,
    });
  }
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const deadline = input.signupDeadline ? new Date(input.signupDeadline) : startsAt;
  const now = clock.now();
  if (endsAt.getTime() <= startsAt.getTime() || endsAt.getTime() - startsAt.getTime() > MAX_LENGTH_MS) {
    throw new AppError('invalid_activity_times', { detail: 'endsAt must be after startsAt, within a day.' });
  }
  if (endsAt.getTime() <= now.getTime()) {
    throw new AppError('invalid_activity_times', { detail: 'The activity would be over already.' });
  }
  if (deadline.getTime() > startsAt.getTime()) {
    throw new AppError('invalid_activity_times', {
      detail: 'The sign-up deadline is at the start at the latest.',
    });
  }
  const communities = [...new Set((input.communities ?? []).map((c) => c.trim()).filter(Boolean))];
  const [row] = await tx
    .insert(activities)
    .values({
      allianceId,
      title: input.title.trim(),
      ruleId: rule.ruleId,
      ruleVersionId: rule.id,
      ruleVersion: rule.version,
      place: input.place.trim(),
      startsAt,
      endsAt,
      capacity: input.capacity,
      waitlist: input.waitlist ?? 5,
      signupDeadline: deadline,
      communities,
      team: input.team?.trim() || null,
      organizerId,
      createdAt: now,
    })
    .returning();
  return row!;
}

/** The activity, locked for a change when `lock` (sign-ups, close). */
export async function requireActivity(db: Queryable, allianceId: string, id: string, lock = false) {
  const query = db
    .select()
    .from(activities)
    .where(and(eq(activities.id, id), eq(activities.allianceId, allianceId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AppError('activity_not_found');
  return row;
}

/** Activities, the soonest first: all (staff), or those not over yet (residents). */
export function activitiesOf(
  db: Queryable,
  allianceId: string,
  options: { upcomingAt?: Date; limit?: number },
) {
  return db
    .select()
    .from(activities)
    .where(
      and(
        eq(activities.allianceId, allianceId),
        options.upcomingAt
          ? and(eq(activities.status, 'open'), gt(activities.endsAt, options.upcomingAt))
          : undefined,
      ),
    )
    .orderBy(options.upcomingAt ? asc(activities.startsAt) : desc(activities.startsAt))
    .limit(options.limit ?? 200);
}

/** Signed-up and waiting counts per activity. */
export async function signupCounts(
  db: Queryable,
  ids: string[],
): Promise<Map<string, { signedUp: number; waitlisted: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      activityId: activitySignups.activityId,
      signedUp: sql<number>`count(*) filter (where ${activitySignups.status} = 'signed_up')`,
      waitlisted: sql<number>`count(*) filter (where ${activitySignups.status} = 'waitlisted')`,
    })
    .from(activitySignups)
    .where(inArray(activitySignups.activityId, ids))
    .groupBy(activitySignups.activityId);
  return new Map(
    rows.map((r) => [r.activityId, { signedUp: Number(r.signedUp), waitlisted: Number(r.waitlisted) }]),
  );
}
